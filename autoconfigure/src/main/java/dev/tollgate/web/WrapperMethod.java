package dev.tollgate.web;

/**
 * One method of a Servlet API wrapper ({@code HttpServletRequestWrapper.getHeader},
 * say), and, per class of wrapper, whether it still is that wrapper's: a wrapper class
 * that leaves it as the Servlet API wrote it hands the call on unchanged, so what the
 * wrapped request or response answers is what the wrapper would. Worked out once per
 * class.
 */
public final class WrapperMethod extends ClassValue<Boolean> {

	private final Class<?> wrapper;

	private final String name;

	private final Class<?>[] parameters;

	/**
	 * A method of a Servlet API wrapper.
	 * @param wrapper the wrapper that declares it, such as {@code HttpServletRequestWrapper}
	 * @param name the method's name
	 * @param parameters its parameter types
	 */
	public WrapperMethod(Class<?> wrapper, String name, Class<?>... parameters) {
		this.wrapper = wrapper;
		this.name = name;
		this.parameters = parameters.clone();
	}

	/**
	 * Whether a class hands the method on as the Servlet API's wrapper does; not if
	 * reflection cannot tell: when one of the class's public methods names a class that
	 * cannot be loaded ({@code NoClassDefFoundError}), or, in a native image, when the
	 * class has no reflection metadata (GraalVM's
	 * {@code MissingReflectionRegistrationError}, a {@code LinkageError} in its recent
	 * releases).
	 * @param type the class of a wrapper
	 * @return whether its method is the Servlet API wrapper's
	 */
	public boolean handsOn(Class<?> type) {
		return get(type);
	}

	@Override
	protected Boolean computeValue(Class<?> type) {
		try {
			return type.getMethod(this.name, this.parameters).getDeclaringClass() == this.wrapper;
		}
		catch (NoSuchMethodException | LinkageError ex) {
			return false;
		}
	}

}

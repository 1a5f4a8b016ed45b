package dev.tollgate.annotation;

import java.util.List;

import dev.tollgate.rule.Exemption;

/**
 * What the annotations on an application's handler methods declare.
 *
 * @param limits the limits, one per name
 * @param exemptions the exempt routes
 */
public record AnnotatedLimits(List<AnnotatedLimit> limits, List<Exemption> exemptions) {
}

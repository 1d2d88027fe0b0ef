package dev.slipway.desktop.variables;

import dev.slipway.core.project.Slug;
import dev.slipway.desktop.variables.BuildVariablesService.Variable;
import java.util.List;

/**
 * A project's saved build variables ({@code env ls|add|rm}), used by every later deploy. Blocking;
 * a secret's value is never read back.
 */
public interface BuildVariables {

    /** The project's variables by name; a secret's {@code value} is null. */
    List<Variable> list(Slug project);

    /**
     * Saves a variable (replacing one of that name).
     *
     * @throws dev.slipway.desktop.SlipwayException with what to do for a bad name or value
     */
    void add(Slug project, String name, String value, boolean secret);

    /** Removes a saved variable; false when the project has none of that name. */
    boolean remove(Slug project, String name);
}

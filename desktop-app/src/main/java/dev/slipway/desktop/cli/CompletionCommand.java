package dev.slipway.desktop.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

/**
 * {@code slipway completion bash|zsh|fish}: a completion script made from the real command tree
 * (every registered subcommand and option).
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a shell completion script made from the command tree.",
            "bash: source <(slipway completion bash)   zsh: source <(slipway completion zsh)",
            "fish: slipway completion fish | source"
        })
final class CompletionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "bash|zsh|fish")
    String shell;

    @picocli.CommandLine.Spec CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script =
                switch (shell.toLowerCase(Locale.ROOT)) {
                    case "bash" -> AutoComplete.bash("slipway", root);
                    case "zsh" ->
                            "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                                    + AutoComplete.bash("slipway", root);
                    case "fish" -> fish(root);
                    default ->
                            throw new CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "'"
                                            + shell
                                            + "' is not a shell this can complete for: give bash, zsh or fish.");
                };
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String fish(CommandLine root) {
        StringBuilder s =
                new StringBuilder("# slipway completion for fish\ncomplete -c slipway -f\n");
        for (OptionSpec o : root.getCommandSpec().options()) {
            fishOption(s, "", o);
        }
        root.getSubcommands()
                .forEach(
                        (name, sub) -> {
                            s.append("complete -c slipway -n '__fish_use_subcommand' -a ")
                                    .append(name)
                                    .append(" -d ")
                                    .append(quote(description(sub)))
                                    .append('\n');
                            String cond = "-n '__fish_seen_subcommand_from " + name + "' ";
                            sub.getSubcommands()
                                    .forEach(
                                            (n2, sub2) ->
                                                    s.append("complete -c slipway ")
                                                            .append(cond)
                                                            .append("-a ")
                                                            .append(n2)
                                                            .append(" -d ")
                                                            .append(quote(description(sub2)))
                                                            .append('\n'));
                            for (OptionSpec o : sub.getCommandSpec().options()) {
                                fishOption(s, cond, o);
                            }
                        });
        return s.toString();
    }

    private static void fishOption(StringBuilder s, String cond, OptionSpec o) {
        s.append("complete -c slipway ").append(cond);
        for (String n : o.names()) {
            if (n.startsWith("--")) {
                s.append("-l ").append(n.substring(2)).append(' ');
            } else if (n.startsWith("-") && n.length() == 2) {
                s.append("-s ").append(n.substring(1)).append(' ');
            }
        }
        if (o.arity().max() > 0) {
            s.append("-r ");
        }
        String[] d = o.description();
        s.append("-d ").append(quote(d.length == 0 ? "" : d[0])).append('\n');
    }

    private static String description(CommandLine c) {
        String[] d = c.getCommandSpec().usageMessage().description();
        return d.length == 0 ? "" : d[0];
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

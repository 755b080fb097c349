package org.autotune.cli;

import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.autotune.campaign.Export;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code autotune best}: the best point so far, as text or JSON. */
@Command(name = "best", mixinStandardHelpOptions = true, description = "Print the best sample's point and score.")
final class BestCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    JournalArguments args;

    @Option(names = "--json", description = "print JSON: sample, score, score_error, parameters "
        + "(numbers; a choice by its name; a score that is not finite as null)")
    boolean json;

    @Override
    public Integer call() {
        try (var view = args.open()) {
            var out = spec.commandLine().getOut();
            var best = view.best();
            if (best.isEmpty()) {
                spec.commandLine().getErr().println("campaign " + view.name() + " has no finished sample yet");
                return 1;
            }
            var b = best.get();
            if (json) {
                var m = new LinkedHashMap<String, Object>();
                m.put("sample", b.name());
                m.put("score", Export.number(b.score().getAsDouble()));
                m.put("score_error", b.scoreError().isPresent() ? Export.number(b.scoreError().getAsDouble()) : null);
                m.put("parameters", view.values(b));
                out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(m));
            } else {
                Summary.printBest(out, view.space(), b);
            }
            out.flush();
        }
        return 0;
    }
}

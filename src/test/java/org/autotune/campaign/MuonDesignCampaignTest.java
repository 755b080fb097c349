package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import org.autotune.design.CostTerms;
import org.autotune.journal.SampleStatus;
import org.autotune.score.ScoreType;
import org.autotune.report.Report;
import org.autotune.report.ReportSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The muon-tomography design campaign end to end with real processes (the example's simulator and a
 * command metric), a real SQLite journal and the local executor, with the fixed budget: the panel
 * span is solved for, the number of planes enumerated, the separation tuned by CMA-ES.
 */
@Tag("slow")
class MuonDesignCampaignTest {
    @TempDir
    Path dir;

    private Path copyExample() throws IOException {
        var from = Path.of("examples/muon-tomography");
        for (String name : new String[] {"MuonTomography.java", "muon-tomography", "campaign.yaml"}) {
            Files.copy(from.resolve(name), dir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        var file = dir.resolve("campaign.yaml");
        var text = Files.readString(file)
            .replace("coefficient: auto ", "coefficient: auto\n  fixed-budget: span ")
            .replace("samples: 60 ", "samples: 6 ")
            .replace("budget: 180", "budget: 18\nexecutor: {type: local, slots: 2}")
            .replace("events: 10000", "events: 2000");
        assertThat(text).contains("fixed-budget: span", "samples: 6 ", "budget: 18\n", "events: 2000");
        Files.writeString(file, text);
        return file;
    }

    private Outcome run(Path file) {
        try (var campaign = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            return campaign.run(Progress.NONE, Clock.systemUTC());
        }
    }

    @Test
    void every_design_spends_the_budget_and_the_report_shows_each_plane_count() throws IOException {
        var file = copyExample();
        var outcome = run(file);
        assertThat(outcome.state()).isIn(Outcome.State.CONVERGED, Outcome.State.BUDGET_SPENT);
        try (var view = CampaignView.open(file, Optional.empty())) {
            var samples = view.samples();
            assertThat(samples).hasSize(18).allMatch(s -> s.status() == SampleStatus.FINISHED);
            double coefficient = Double.parseDouble(view.journal().meta("cost.coefficient").orElseThrow());
            // coefficient: auto is the first sample's loss
            var first = samples.stream().filter(s -> s.name().equals("optimizer/1")).findFirst().orElseThrow();
            assertThat(coefficient).isEqualTo(first.components().get(CostTerms.METRIC));
            for (var s : samples) {
                double planes = s.point().get("planes");
                double span = s.point().get("span");
                // 50 k€ less 6 k€ of readout per plane pair buy 2·planes panels at 10 k€/m²; the span is
                // solved to 1e-12 of its range, so the area is exact to ~1e-11 m²
                assertThat(2 * planes * span * span).isCloseTo((50 - 6 * planes) / 10, within(1e-9));
                assertThat(s.components().get(CostTerms.COST)).isCloseTo(50, within(1e-9));
                // at the budget the term is the coefficient itself, and the score is metric + term
                assertThat(s.components().get(CostTerms.BUDGET)).isCloseTo(coefficient, within(1e-9 * coefficient));
                assertThat(s.score().getAsDouble()).isCloseTo(s.components().get(CostTerms.METRIC)
                    + s.components().get(CostTerms.BUDGET), within(1e-9 * coefficient));
            }
            assertThat(samples.stream().map(s -> s.point().get("planes")).distinct()).hasSize(3);
            var html = Report.of(ReportSource.read(view.journal(), CampaignConfig.read(file).space(),
                ScoreType.CHI_SQUARE, Optional.empty())).html();
            assertThat(html).contains("<section id=\"combinations\">");
            var table = html.substring(html.indexOf("<section id=\"combinations\">"));
            table = table.substring(0, table.indexOf("</section>"));
            assertThat(table.split("<tr>")).hasSize(1 + 1 + 3);   // before the first row, header, 3 plane counts
            assertThat(table).contains(">2</td>", ">3</td>", ">4</td>", "separation at best");
        }
        // resume is replay: a second run answers every sample from the journal and changes no score
        var scores = scores(file);
        var again = run(file);
        assertThat(again.last().reused()).isEqualTo(again.last().done());
        assertThat(scores(file)).isEqualTo(scores);
        // a kill between a sample's metric score and its turn to be told leaves the metric's score in the
        // journal: the replay adds the budget term to it again, with the journaled coefficient
        var journalFile = Campaign.defaultDirectory(file).resolve(org.autotune.journal.Journal.FILE_NAME);
        try (var journal = org.autotune.journal.Journal.open(journalFile)) {
            var s = journal.sample("optimizer", 7).orElseThrow();
            journal.rescored(s.id(), org.autotune.score.Score.of(s.components().get(CostTerms.METRIC)));
        }
        assertThat(scores(file)).isNotEqualTo(scores);
        var third = run(file);
        assertThat(third.last().reused()).isEqualTo(third.last().done());
        assertThat(scores(file)).isEqualTo(scores);
    }

    private java.util.List<Double> scores(Path file) {
        try (var view = CampaignView.open(file, Optional.empty())) {
            return view.samples().stream().map(s -> s.score().getAsDouble()).toList();
        }
    }
}

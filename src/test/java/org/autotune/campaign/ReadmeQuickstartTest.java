package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's annotated campaign file is the quickstart's campaign file, comments and all. */
class ReadmeQuickstartTest {
    private static final Path FILE = Path.of("examples/quickstart/campaign.yaml");

    @Test
    void the_readme_shows_the_quickstart_campaign_file_exactly() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int mention = readme.indexOf("`" + FILE + "`, annotated:");
        assertThat(mention).as("the README line introducing the annotated quickstart file").isNotNegative();
        int open = readme.indexOf("```yaml\n", mention);
        assertThat(open).isNotNegative();
        int from = open + "```yaml\n".length();
        int close = readme.indexOf("```", from);
        assertThat(readme.substring(from, close)).isEqualTo(Files.readString(FILE));
    }

    @Test
    void the_annotated_quickstart_file_is_a_valid_campaign() {
        var config = CampaignConfig.read(FILE);
        assertThat(config.space().names()).containsExactly("gain", "offset", "noise");
        assertThat(config.budget()).isEqualTo(100);
    }
}

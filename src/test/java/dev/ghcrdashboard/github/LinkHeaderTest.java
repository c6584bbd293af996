package dev.ghcrdashboard.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void readsEveryRelationOfGitHubsLinkHeader() {
        LinkHeader links = LinkHeader.parse(
                "<https://api.github.com/organizations/9919/packages/container/tools%2Fcli/versions?per_page=100&page=2>; rel=\"next\", "
                        + "<https://api.github.com/organizations/9919/packages/container/tools%2Fcli/versions?per_page=100&page=14>; rel=\"last\"");

        assertThat(links.next()).contains(URI.create(
                "https://api.github.com/organizations/9919/packages/container/tools%2Fcli/versions?per_page=100&page=2"));
        assertThat(links.last().flatMap(LinkHeader::page)).contains(14);
        assertThat(links.last().flatMap(LinkHeader::perPage)).contains(100);
    }

    @Test
    void aMissingHeaderOrRelationIsEmpty() {
        assertThat(LinkHeader.parse(null).next()).isEmpty();
        assertThat(LinkHeader.parse("<https://api.github.com/x?page=1>; rel=\"prev\"").next()).isEmpty();
    }

    @Test
    void aRegistrysRelativeNextLinkIsKeptAsWrittenForTheCallerToResolve() {
        LinkHeader links = LinkHeader.parse("</v2/acme/app/tags/list?n=2&last=b>; rel=\"next\"");

        assertThat(links.next()).contains(URI.create("/v2/acme/app/tags/list?n=2&last=b"));
        assertThat(URI.create("https://ghcr.io/v2/acme/app/tags/list").resolve(links.next().orElseThrow()))
                .hasToString("https://ghcr.io/v2/acme/app/tags/list?n=2&last=b");
    }

    @Test
    void relationsAreCaseInsensitiveAndOneLinkMayCarrySeveral() {
        LinkHeader links = LinkHeader.parse("<https://h/x?page=1>; rel=\"first\", <https://h/x?page=2>; REL=\"Next last\"");

        assertThat(links.next()).contains(URI.create("https://h/x?page=2"));
        assertThat(links.last()).contains(URI.create("https://h/x?page=2"));
    }

    @Test
    void substitutingThePageKeepsEverythingElseByteForByte() {
        URI last = URI.create("https://api.github.com/user/42/packages/container/a%2Fb/versions?state=active&per_page=100&page=9");

        assertThat(LinkHeader.withPage(last, 3)).hasToString(
                "https://api.github.com/user/42/packages/container/a%2Fb/versions?state=active&per_page=100&page=3");
        assertThat(LinkHeader.withPage(URI.create("https://h/x?page=9&per_page=5"), 2)).hasToString("https://h/x?page=2&per_page=5");
        assertThat(LinkHeader.page(URI.create("https://h/x?per_page=5"))).isEmpty();
    }
}

package io.lakesync.examples.portal.web;

import io.lakesync.examples.portal.live.DataVersion;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every page shows around its content: the freshness badge and who is acting.
 *
 * @param actor the name written as owner-changer and comment author
 * @param team names offered as actors and owners
 * @param section the highlighted navigation entry: dashboard or incident
 */
public record Chrome(String freshnessText, String freshnessState, String freshnessDetail, String actor,
        List<String> team, String section) {

    public static Chrome of(DataVersion version, Instant now, String actor, List<String> team, String section) {
        return new Chrome(version.describe(now), version.state(now), version.detail(), actor, team, section);
    }

    /** The team, plus the actor when they typed a name that is not on it. */
    public List<String> actors() {
        if (team.contains(actor)) {
            return team;
        }
        return Stream.concat(Stream.of(actor), team.stream()).toList();
    }
}

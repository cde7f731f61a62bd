package io.lakesync.examples.simulator;

import io.delta.kernel.engine.Engine;
import io.lakesync.examples.simulator.delta.IncidentTable;
import io.lakesync.examples.simulator.delta.KernelEngine;
import io.lakesync.examples.simulator.incident.Incident;
import io.lakesync.examples.simulator.incident.IncidentGenerator;
import io.lakesync.examples.simulator.incident.IncidentIds;
import io.lakesync.examples.simulator.incident.IncidentReport;
import io.lakesync.examples.simulator.incident.RiskBand;
import io.lakesync.examples.simulator.incident.RiskModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * What happens to the incidents table, one step at a time: new incidents arrive, the escalation
 * model re-scores open incidents, the dedup job retracts duplicate submissions. Each step is one
 * Delta commit (a retraction and the arrivals after it are two). {@link Simulator} calls the steps
 * on a schedule; tests call them directly.
 */
public final class Simulation {

    /** Incidents younger than this count as open, and the model keeps re-scoring them. */
    static final Duration OPEN_WINDOW = Duration.ofDays(7);
    /** How far back the first batch of incidents reaches. */
    static final Duration BACKLOG_SPAN = Duration.ofHours(48);
    /** Chance that a re-scoring round comes from a newly deployed, retrained model. */
    static final double MODEL_RELEASE_PROBABILITY = 0.1;
    private static final long FIRST_ID = 4001;
    private static final int DUPLICATE_LOOKBACK = 20;

    private final IncidentTable table;
    private final SimulatorOptions options;
    private final Clock clock;
    private final CommitListener listener;
    private final IncidentGenerator generator;
    private final Scoring scoring;
    private final Random choices;
    /** Duplicate id to the id of the incident it repeats, waiting for the dedup job. */
    private final Map<String, String> pendingDuplicates = new LinkedHashMap<>();
    private long nextId;

    private Simulation(IncidentTable table, SimulatorOptions options, Clock clock, CommitListener listener) {
        this.table = table;
        this.options = options;
        this.clock = clock;
        this.listener = listener;
        // separate streams, so that a change in how often one thing happens does not reshuffle the rest
        this.generator = new IncidentGenerator(new Random(options.seed()));
        this.scoring = new Scoring(new RiskModel(new Random(options.seed() * 31 + 7)), options.modelVersion());
        this.choices = new Random(options.seed() * 131 + 17);
        this.nextId = table.state().incidents().keySet().stream().mapToLong(IncidentIds::number).max()
                .orElse(FIRST_ID - 1) + 1;
        scoring.continueFrom(table.state().incidents().values());
    }

    /**
     * Opens the table, or creates it with its first batch of incidents when the folder holds no
     * table yet.
     */
    public static Simulation open(SimulatorOptions options, Clock clock, CommitListener listener) {
        Engine engine = KernelEngine.create();
        boolean exists = IncidentTable.exists(options.table());
        IncidentTable table = exists ? IncidentTable.open(options.table(), engine, options.rowsPerFile())
                : IncidentTable.create(options.table(), engine, options.rowsPerFile());
        Simulation simulation = new Simulation(table, options, clock, listener);
        if (!exists) {
            simulation.committed(new CommitEvent(0, CommitEvent.Kind.CREATE, List.of(), List.of(),
                    "create   table " + table.path() + " (Change Data Feed on)"));
        }
        // also when a run stopped between creating the table and writing the backlog
        if (table.state().version() == 0 && options.initialIncidents() > 0) {
            simulation.backlog(options.initialIncidents());
        }
        return simulation;
    }

    public IncidentTable table() {
        return table;
    }

    /** The live incidents by id, as the newest version of the table holds them. */
    public Map<String, Incident> incidents() {
        return table.state().incidents();
    }

    public String modelVersion() {
        return scoring.modelVersion();
    }

    /**
     * New incidents arrive (1 to max-new-per-commit); sometimes one of them is a customer's second
     * submission of a recent request, which the dedup job retracts on the next step.
     */
    public void newIncidents() {
        retractDuplicates();
        Instant now = clock.instant();
        int count = 1 + choices.nextInt(options.maxNewPerCommit());
        List<IncidentReport> reports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // spread over the last interval, in order, as they trickled in since the last commit
            Instant at = now.minus(options.newInterval().multipliedBy(count - 1 - i).dividedBy(count));
            reports.add(generator.next(IncidentIds.format(nextId++), at));
        }
        String duplicateNote = "";
        if (choices.nextDouble() < options.retractProbability()) {
            Incident original = duplicateCandidate();
            if (original != null) {
                IncidentReport duplicate = generator.duplicateOf(original.report(), IncidentIds.format(nextId++), now);
                reports.add(duplicate);
                pendingDuplicates.put(duplicate.incidentId(), original.id());
                duplicateNote = "; " + duplicate.incidentId() + " repeats " + original.id() + " (sent again by "
                        + duplicate.channel() + ")";
            }
        }
        List<Incident> incidents = score(reports, now);
        long version = table.insert(incidents);
        committed(new CommitEvent(version, CommitEvent.Kind.INSERT, incidents, List.of(),
                "insert   " + incidents.stream().map(Simulation::brief).collect(Collectors.joining(", "))
                        + duplicateNote));
    }

    /** The model re-scores a share of the open incidents, sometimes as a newly deployed version. */
    public void rescore() {
        Instant now = clock.instant();
        List<Incident> open = table.state().incidents().values().stream()
                .filter(i -> i.report().createdAt().isAfter(now.minus(OPEN_WINDOW))).toList();
        int count = (int) Math.round(options.rescoreFraction() * open.size());
        if (open.isEmpty() || options.rescoreFraction() == 0) {
            return;
        }
        String release = "";
        if (choices.nextDouble() < MODEL_RELEASE_PROBABILITY) {
            release = ", newly deployed";
            scoring.deployNextModel();
        }
        List<Incident> sample = new ArrayList<>(open);
        Collections.shuffle(sample, choices);
        sample = sample.subList(0, Math.max(1, count));
        sample.sort(Comparator.comparing(Incident::id));
        List<IncidentReport> all = reports();
        List<Incident> rescored = new ArrayList<>(sample.size());
        int up = 0;
        int down = 0;
        for (Incident incident : sample) {
            Incident after = incident.withScore(scoring.score(incident.report(), all, now));
            int move = after.score().band().compareTo(incident.score().band());
            up += move > 0 ? 1 : 0;
            down += move < 0 ? 1 : 0;
            rescored.add(after);
        }
        long version = table.update(rescored, inPredicate(rescored.stream().map(Incident::id).toList()));
        committed(new CommitEvent(version, CommitEvent.Kind.RESCORE, rescored, List.of(), String.format(Locale.ROOT,
                "rescore  %d of %d open incidents with %s%s: %s; %d moved up a band, %d down", rescored.size(),
                open.size(), scoring.modelVersion(), release, bands(rescored), up, down)));
    }

    /** The dedup job deletes the duplicates it found since the last step. */
    public void retractDuplicates() {
        if (pendingDuplicates.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(pendingDuplicates.keySet());
        String what = pendingDuplicates.entrySet().stream()
                .map(e -> e.getKey() + " (duplicate of " + e.getValue() + ")").collect(Collectors.joining(", "));
        long version = table.delete(ids, inPredicate(ids));
        pendingDuplicates.clear();
        committed(new CommitEvent(version, CommitEvent.Kind.RETRACT, List.of(), ids, "retract  " + what));
    }

    /**
     * The incidents still open when the table is created, from the last two days, more of them
     * recent. Each is at most a little past its SLA (older urgent ones would have been resolved), so
     * a few are breached.
     */
    private void backlog(int count) {
        Instant now = clock.instant();
        List<IncidentReport> drafts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            IncidentReport draft = generator.next("draft", now);
            Duration sla = Duration.between(draft.createdAt(), draft.slaDueAt());
            long maxAge = Math.min(BACKLOG_SPAN.toMillis(), sla.multipliedBy(11).dividedBy(10).toMillis());
            double skew = Math.pow(choices.nextDouble(), 1.5);
            drafts.add(draft.renumbered("draft", now.minusMillis((long) (skew * maxAge))));
        }
        drafts.sort(Comparator.comparing(IncidentReport::createdAt));
        List<IncidentReport> reports = new ArrayList<>(count);
        for (IncidentReport draft : drafts) {
            reports.add(draft.renumbered(IncidentIds.format(nextId++), draft.createdAt()));
        }
        List<Incident> incidents = score(reports, now);
        long version = table.insert(incidents);
        committed(new CommitEvent(version, CommitEvent.Kind.INSERT, incidents, List.of(), String.format(Locale.ROOT,
                "insert   %d open incidents of the last %d h (%s..%s), scored with %s: %s", count,
                BACKLOG_SPAN.toHours(), incidents.get(0).id(), incidents.get(count - 1).id(), scoring.modelVersion(),
                bands(incidents))));
    }

    /** Scores new reports against the table and each other. */
    private List<Incident> score(List<IncidentReport> reports, Instant now) {
        List<IncidentReport> all = reports();
        all.addAll(reports);
        return reports.stream().map(r -> new Incident(r, scoring.score(r, all, now))).toList();
    }

    private List<IncidentReport> reports() {
        return table.state().incidents().values().stream().map(Incident::report)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** One of the most recent incidents that is not itself a duplicate, or null. */
    private Incident duplicateCandidate() {
        List<Incident> recent = table.state().incidents().values().stream()
                .filter(i -> !pendingDuplicates.containsKey(i.id()))
                .sorted(Comparator.comparing((Incident i) -> i.report().createdAt()).reversed())
                .limit(DUPLICATE_LOOKBACK).toList();
        return recent.isEmpty() ? null : recent.get(choices.nextInt(recent.size()));
    }

    private void committed(CommitEvent event) {
        listener.committed(event);
        long version = event.version();
        if (options.checkpointInterval() > 0 && version > 0 && version % options.checkpointInterval() == 0) {
            table.checkpoint();
            listener.checkpointed(version);
        }
    }

    private static String brief(Incident i) {
        return String.format(Locale.ROOT, "%s %s %s risk %.2f %s", i.id(), i.report().priority(),
                i.report().product(), i.score().risk(), i.score().band().value());
    }

    private static String bands(List<Incident> incidents) {
        Map<RiskBand, Long> counts = incidents.stream()
                .collect(Collectors.groupingBy(i -> i.score().band(), Collectors.counting()));
        return String.format(Locale.ROOT, "%d high, %d medium, %d low", counts.getOrDefault(RiskBand.HIGH, 0L),
                counts.getOrDefault(RiskBand.MEDIUM, 0L), counts.getOrDefault(RiskBand.LOW, 0L));
    }

    private static String inPredicate(List<String> ids) {
        return "incident_id IN (" + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")) + ")";
    }
}

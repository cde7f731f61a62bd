package io.lakesync.examples.portal.data;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the incident list shows: the filters, the order and the page, as the dashboard's URL and
 * the JSON API take them ({@code ?status=active&risk_band=high&q=refund&sort=risk&page=2}).
 *
 * @param status {@code active} (not resolved) or a {@link Status} value
 * @param owner an owner's name, or {@code unassigned}
 * @param text free text searched in title, description, customer and id
 */
public record IncidentFilter(
        Optional<String> status,
        Optional<String> owner,
        Optional<String> priority,
        Optional<String> riskBand,
        Optional<String> category,
        Optional<String> text,
        IncidentSort sort,
        boolean descending,
        int page,
        int pageSize) {

    public static final String ACTIVE = "active";
    public static final String UNASSIGNED = "unassigned";
    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 200;
    public static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4");
    public static final List<String> RISK_BANDS = List.of("high", "medium", "low");
    private static final Set<String> STATUSES = Set.of(ACTIVE, "open", "in_progress", "waiting", "resolved");
    private static final int MAX_TEXT = 200;

    public IncidentFilter {
        status = clean(status);
        owner = clean(owner);
        priority = clean(priority);
        riskBand = clean(riskBand);
        category = clean(category);
        text = clean(text);
        status.filter(s -> !STATUSES.contains(s)).ifPresent(s -> {
            throw new BadRequest("Unknown status '" + s + "'. Use one of: active, open, in_progress, waiting,"
                    + " resolved.");
        });
        priority.filter(p -> !PRIORITIES.contains(p)).ifPresent(p -> {
            throw new BadRequest("Unknown priority '" + p + "'. Use one of: P1, P2, P3, P4.");
        });
        riskBand.filter(b -> !RISK_BANDS.contains(b)).ifPresent(b -> {
            throw new BadRequest("Unknown risk band '" + b + "'. Use one of: low, medium, high.");
        });
        text.filter(t -> t.length() > MAX_TEXT).ifPresent(t -> {
            throw new BadRequest("The search text is " + t.length() + " characters long; at most " + MAX_TEXT
                    + " are searched.");
        });
        if (page < 1) {
            throw new BadRequest("Pages are numbered from 1 (got " + page + ").");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new BadRequest("The page size must be between 1 and " + MAX_PAGE_SIZE + " (got " + pageSize + ").");
        }
    }

    /** Everything, newest first, first page. */
    public static IncidentFilter all() {
        return new IncidentFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), IncidentSort.CREATED, true, 1, DEFAULT_PAGE_SIZE);
    }

    /** Reads the query parameters; absent or empty ones do not filter. */
    public static IncidentFilter parse(Function<String, String> param) {
        IncidentSort sort = Optional.ofNullable(param.apply("sort")).filter(s -> !s.isBlank())
                .map(IncidentSort::parse).orElse(IncidentSort.CREATED);
        String dir = param.apply("dir");
        boolean descending;
        if (dir == null || dir.isBlank()) {
            descending = sort.descendingByDefault();
        } else if (dir.equals("asc") || dir.equals("desc")) {
            descending = dir.equals("desc");
        } else {
            throw new BadRequest("Unknown sort direction '" + dir + "'. Use asc or desc.");
        }
        return new IncidentFilter(Optional.ofNullable(param.apply("status")), Optional.ofNullable(param.apply("owner")),
                Optional.ofNullable(param.apply("priority")), Optional.ofNullable(param.apply("risk_band")),
                Optional.ofNullable(param.apply("category")), Optional.ofNullable(param.apply("q")), sort, descending,
                number(param.apply("page"), 1, "page"), number(param.apply("page_size"), DEFAULT_PAGE_SIZE, "page_size"));
    }

    /** Whether a filter or the order is on the team's state, so the state must be joined before paging. */
    public boolean needsState() {
        return status.isPresent() || owner.isPresent() || sort.onState();
    }

    public IncidentFilter withPage(int newPage) {
        return new IncidentFilter(status, owner, priority, riskBand, category, text, sort, descending, newPage, pageSize);
    }

    /** Sorted by {@code key}: the other direction when already sorted by it, else the key's natural one. */
    public IncidentFilter sortedBy(String key) {
        IncidentSort newSort = IncidentSort.parse(key);
        boolean newDescending = newSort == sort ? !descending : newSort.descendingByDefault();
        return new IncidentFilter(status, owner, priority, riskBand, category, text, newSort, newDescending, 1,
                pageSize);
    }

    /** "▲", "▼" or "" for a column header. */
    public String sortMark(String key) {
        return sort.key().equals(key) ? (descending ? "▼" : "▲") : "";
    }

    /** The dashboard URL showing this list. */
    public String href() {
        String query = query();
        return query.isEmpty() ? "/" : "/?" + query;
    }

    /** The URL parameters that differ from the defaults, in a stable order. */
    public String query() {
        Map<String, String> params = new LinkedHashMap<>();
        status.ifPresent(v -> params.put("status", v));
        owner.ifPresent(v -> params.put("owner", v));
        priority.ifPresent(v -> params.put("priority", v));
        riskBand.ifPresent(v -> params.put("risk_band", v));
        category.ifPresent(v -> params.put("category", v));
        text.ifPresent(v -> params.put("q", v));
        if (sort != IncidentSort.CREATED || !descending) {
            params.put("sort", sort.key());
            params.put("dir", descending ? "desc" : "asc");
        }
        if (page != 1) {
            params.put("page", Integer.toString(page));
        }
        if (pageSize != DEFAULT_PAGE_SIZE) {
            params.put("page_size", Integer.toString(pageSize));
        }
        return params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public boolean filtered() {
        return status.isPresent() || owner.isPresent() || priority.isPresent() || riskBand.isPresent()
                || category.isPresent() || text.isPresent();
    }

    private static Optional<String> clean(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int number(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequest("The parameter " + name + " must be a whole number (got '" + value + "').");
        }
    }
}

package io.lakesync.examples.simulator.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.lakesync.examples.simulator.incident.Incident;
import io.lakesync.examples.simulator.incident.IncidentReport;
import io.lakesync.examples.simulator.incident.Priority;
import io.lakesync.examples.simulator.incident.RiskBand;
import io.lakesync.examples.simulator.incident.RiskScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The columns of the {@code incidents} table and the conversion of incidents to and from rows. */
public final class IncidentSchema {

    public static final String KEY = "incident_id";

    public static final StructType SCHEMA = new StructType()
            .add(KEY, StringType.STRING, false)
            .add("title", StringType.STRING, true)
            .add("description", StringType.STRING, true)
            .add("customer", StringType.STRING, true)
            .add("product", StringType.STRING, true)
            .add("category", StringType.STRING, true)
            .add("priority", StringType.STRING, true)
            .add("channel", StringType.STRING, true)
            .add("created_at", TimestampType.TIMESTAMP, true)
            .add("sla_due_at", TimestampType.TIMESTAMP, true)
            .add("predicted_escalation_risk", DoubleType.DOUBLE, true)
            .add("risk_band", StringType.STRING, true)
            .add("recommended_action", StringType.STRING, true)
            .add("top_risk_factors", new ArrayType(StringType.STRING, true), true)
            .add("model_version", StringType.STRING, true)
            .add("scored_at", TimestampType.TIMESTAMP, true);

    private IncidentSchema() {
    }

    public static Object[] row(Incident incident) {
        IncidentReport r = incident.report();
        RiskScore s = incident.score();
        return new Object[] {r.incidentId(), r.title(), r.description(), r.customer(), r.product(), r.category(),
                r.priority().name(), r.channel(), r.createdAt(), r.slaDueAt(), s.risk(), s.band().value(),
                s.recommendedAction(), s.topRiskFactors(), s.modelVersion(), s.scoredAt()};
    }

    public static List<Object[]> rows(List<Incident> incidents) {
        return incidents.stream().map(IncidentSchema::row).toList();
    }

    /** The incidents of a batch read with {@link #SCHEMA}. */
    static List<Incident> incidents(ColumnarBatch batch) {
        List<Incident> incidents = new ArrayList<>(batch.getSize());
        ColumnVector[] v = new ColumnVector[SCHEMA.length()];
        for (int c = 0; c < v.length; c++) {
            v[c] = batch.getColumnVector(c);
        }
        for (int r = 0; r < batch.getSize(); r++) {
            IncidentReport report = new IncidentReport(v[0].getString(r), v[1].getString(r), v[2].getString(r),
                    v[3].getString(r), v[4].getString(r), v[5].getString(r), Priority.valueOf(v[6].getString(r)),
                    v[7].getString(r), ValueVector.instant(v[8].getLong(r)), ValueVector.instant(v[9].getLong(r)));
            RiskScore score = new RiskScore(v[10].getDouble(r), RiskBand.valueOf(v[11].getString(r).toUpperCase(Locale.ROOT)),
                    v[12].getString(r), strings(v[13].getArray(r)), v[14].getString(r),
                    ValueVector.instant(v[15].getLong(r)));
            incidents.add(new Incident(report, score));
        }
        return incidents;
    }

    private static List<String> strings(ArrayValue array) {
        List<String> values = new ArrayList<>(array.getSize());
        for (int i = 0; i < array.getSize(); i++) {
            values.add(array.getElements().getString(i));
        }
        return values;
    }
}

package io.lakesync.examples.simulator.delta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code commitInfo} line of a commit: what the operation was, for {@code DESCRIBE HISTORY} and
 * for people reading the log. Readers do not need it; writers add it by convention.
 */
public record CommitInfo(long timestamp, String operation, Map<String, String> operationParameters,
        long readVersion, boolean blindAppend, Map<String, String> operationMetrics, String engineInfo) {

    public ObjectNode toJson() {
        ObjectNode info = DeltaAction.JSON.objectNode().put("timestamp", timestamp).put("operation", operation);
        ObjectNode parameters = info.putObject("operationParameters");
        operationParameters.forEach(parameters::put);
        if (readVersion >= 0) {
            info.put("readVersion", readVersion);
        }
        info.put("isolationLevel", "Serializable").put("isBlindAppend", blindAppend);
        ObjectNode metrics = info.putObject("operationMetrics");
        operationMetrics.forEach(metrics::put);
        info.put("engineInfo", engineInfo).put("txnId", UUID.randomUUID().toString());
        ObjectNode line = DeltaAction.JSON.objectNode();
        line.set("commitInfo", info);
        return line;
    }
}

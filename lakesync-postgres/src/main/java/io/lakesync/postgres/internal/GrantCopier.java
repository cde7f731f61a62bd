package io.lakesync.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gives the swapped-in table the privileges the replaced one had, so that a re-sync does not take
 * SELECT away from the applications reading the table.
 */
final class GrantCopier {

    private static final Set<String> PRIVILEGES =
            Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "MAINTAIN");

    private GrantCopier() {
    }

    static void copy(Connection connection, String fromQualified, String toQualified) throws SQLException {
        List<String> grants = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT a.privilege_type, a.is_grantable,"
                + " r.rolname FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a"
                + " LEFT JOIN pg_roles r ON r.oid = a.grantee"
                + " WHERE c.oid = to_regclass(?) AND a.grantee <> c.relowner")) {
            s.setString(1, fromQualified);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String privilege = rs.getString(1);
                    if (!PRIVILEGES.contains(privilege)) {
                        continue;
                    }
                    String role = rs.getString(3);
                    String grantee = role == null ? "PUBLIC" : Sql.quote(role);
                    grants.add("GRANT " + privilege + " ON " + toQualified + " TO " + grantee
                            + (rs.getBoolean(2) ? " WITH GRANT OPTION" : ""));
                }
            }
        }
        for (String grant : grants) {
            Relations.execute(connection, grant);
        }
    }
}

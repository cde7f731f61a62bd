/**
 * Governance of who reads synced tables: login roles for applications ({@link
 * io.lakesync.postgres.roles.AppRoles}), read-only on synced tables, each with a schema of its own.
 */
package io.lakesync.postgres.roles;

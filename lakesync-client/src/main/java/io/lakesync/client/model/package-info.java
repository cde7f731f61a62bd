/**
 * The model of the lakesync REST API ({@code /api/2.0/database/synced_tables}): one record per JSON
 * shape, written in snake_case with null fields left out. The server writes its answers with these
 * records and the client reads them with the same records, so the shape is defined exactly once.
 *
 * <p>Fields the server may leave out are boxed ({@code Long}, {@code Boolean}) and null when absent.
 */
package io.lakesync.client.model;

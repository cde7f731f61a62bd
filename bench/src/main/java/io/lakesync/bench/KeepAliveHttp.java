package io.lakesync.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client on one kept-alive socket: GET only, answers read by Content-Length or
 * chunked encoding. The serving benchmark's load generator shares two cores with the portal and
 * PostgreSQL, so its own cost per request must stay small and measurable: everything it does runs
 * on the calling thread (java.net.http.HttpClient hands each exchange to a selector thread and
 * futures, and costs several times more CPU per request; the benchmark measures both).
 */
final class KeepAliveHttp implements AutoCloseable {

    /** One answer: the status and the body's length (the body itself is read and dropped). */
    record Answer(int status, int bodyBytes, byte firstByte) {
    }

    private final String host;
    private final int port;
    private final byte[] requestHead;
    private final byte[] line = new byte[8192];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveHttp(String host, int port) {
        this.host = host;
        this.port = port;
        this.requestHead = (" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n"
                + "User-Agent: lakesync-bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** GETs {@code pathAndQuery} (already URL-encoded); reconnects once if the kept-alive socket was closed. */
    Answer get(String pathAndQuery) throws IOException {
        boolean fresh = socket == null;
        if (fresh) {
            connect();
        }
        try {
            return exchange(pathAndQuery);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            // the server may close an idle kept-alive connection: one new connection, then give up
            connect();
            return exchange(pathAndQuery);
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 65_536);
        out = socket.getOutputStream();
    }

    private Answer exchange(String pathAndQuery) throws IOException {
        byte[] target = pathAndQuery.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[4 + target.length + requestHead.length];
        System.arraycopy("GET ".getBytes(StandardCharsets.US_ASCII), 0, request, 0, 4);
        System.arraycopy(target, 0, request, 4, target.length);
        System.arraycopy(requestHead, 0, request, 4 + target.length, requestHead.length);
        out.write(request);
        out.flush();

        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("Not an HTTP/1.1 answer: '" + statusLine + "'");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closes = value.equalsIgnoreCase("close");
            }
        }
        int[] first = {-1};
        int body;
        if (chunked) {
            body = 0;
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                body += skip(size, first);
                readLine(); // the CRLF after the chunk
            }
            for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                // trailers: none expected, read past them
            }
        } else if (length >= 0) {
            body = skip(length, first);
        } else {
            throw new IOException("The answer has neither Content-Length nor chunked encoding; a kept-alive"
                    + " connection cannot tell where it ends");
        }
        if (closes) {
            close();
        }
        return new Answer(status, body, (byte) first[0]);
    }

    private long chunkSize() throws IOException {
        String size = readLine();
        int semicolon = size.indexOf(';');
        return Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
    }

    private int skip(long count, int[] first) throws IOException {
        long left = count;
        while (left > 0) {
            int n = in.read(line, 0, (int) Math.min(line.length, left));
            if (n < 0) {
                throw new EOFException("The connection closed " + left + " bytes before the end of the answer");
            }
            if (first[0] < 0) {
                first[0] = line[0];
            }
            left -= n;
        }
        return (int) count;
    }

    /** One header line without its CRLF (ASCII: status line and headers only). */
    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The connection closed in the middle of an answer's head");
            }
            if (b == '\n') {
                int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                return new String(line, 0, end, StandardCharsets.US_ASCII);
            }
            if (n == line.length) {
                throw new IOException("An answer's header line is longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket we are done with: nothing to do about a failure
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}

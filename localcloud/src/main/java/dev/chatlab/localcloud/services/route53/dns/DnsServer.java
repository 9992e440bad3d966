package dev.chatlab.localcloud.services.route53.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;

/**
 * The authoritative DNS server of the hosted zones: UDP and TCP on the same port, bound to
 * localcloud's bind address. UDP answers that do not fit the client's buffer (512 bytes, or
 * what it offers with EDNS) are truncated with the TC flag, so the client retries over TCP.
 */
public final class DnsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    private static final int PLAIN_UDP_LIMIT = 512;
    private static final int TCP_IDLE_MILLIS = 10_000;
    private static final int BIND_ATTEMPTS = 20;

    private final DnsResponder responder;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService workers;
    private volatile boolean closed;

    private DnsServer(DnsResponder responder, DatagramSocket udp, ServerSocket tcp) {
        this.responder = responder;
        this.udp = udp;
        this.tcp = tcp;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "localcloud-dns-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        workers.execute(this::serveUdp);
        workers.execute(this::acceptTcp);
    }

    /**
     * Listens on {@code bindAddress}:{@code port} (0: a port free for both UDP and TCP).
     *
     * @throws IllegalStateException when the port is taken
     */
    public static DnsServer start(String bindAddress, int port, DnsResponder responder) {
        InetAddress address = address(bindAddress);
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            DatagramSocket udp = null;
            try {
                udp = new DatagramSocket(new InetSocketAddress(address, port));
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.bind(new InetSocketAddress(address, udp.getLocalPort()), 50);
                } catch (IOException e) {
                    tcp.close();
                    throw e;
                }
                return new DnsServer(responder, udp, tcp);
            } catch (IOException e) {
                // with port 0, UDP got a port whose TCP twin is taken: try another one
                if (udp != null) {
                    udp.close();
                }
                last = e;
            }
        }
        String hint = last instanceof BindException ? " (is another localcloud or DNS server running? choose another with --dns-port)" : "";
        throw new IllegalStateException("the DNS server cannot listen on " + bindAddress + ":" + port + hint + ": " + last.getMessage(), last);
    }

    /**
     * The address an alias to an S3 website endpoint resolves to: the HTTP server's bind
     * address, or loopback when it listens on every interface (0.0.0.0 is no address to connect to).
     */
    public static InetAddress websiteAddress(String bindAddress) {
        InetAddress address = address(bindAddress);
        return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
    }

    /** The port both listeners are bound to. */
    public int port() {
        return udp.getLocalPort();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] answer = answer(query, true);
                if (answer != null) {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                if (!closed) {
                    LOG.warn("DNS over UDP stopped: {}", e.getMessage());
                }
                return;
            } catch (IOException e) {
                LOG.debug("DNS over UDP: {}", e.getMessage());
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            try {
                Socket connection = tcp.accept();
                workers.execute(() -> serveTcp(connection));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DNS over TCP stopped: {}", e.getMessage());
                }
                return;
            }
        }
    }

    /** RFC 1035/7766: each message prefixed by its two-byte length; several queries may share a connection. */
    private void serveTcp(Socket connection) {
        try (connection) {
            connection.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (!closed) {
                int length = in.readUnsignedShort();
                byte[] query = new byte[length];
                in.readFully(query);
                byte[] answer = answer(query, false);
                if (answer == null) {
                    return;
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException | SocketTimeoutException e) {
            // the client is done
        } catch (IOException e) {
            LOG.debug("DNS over TCP: {}", e.getMessage());
        }
    }

    /** The wire answer to one query, or null for bytes too short to carry a DNS header. */
    private byte[] answer(byte[] wire, boolean overUdp) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return formatError(wire);
        }
        Message response;
        try {
            response = responder.respond(query);
        } catch (RuntimeException e) {
            LOG.error("DNS query failed inside localcloud: {}", query.getQuestion(), e);
            response = new Message(query.getHeader().getID());
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setRcode(Rcode.SERVFAIL);
            if (query.getQuestion() != null) {
                response.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
            }
        }
        if (!overUdp) {
            return response.toWire();
        }
        OPTRecord opt = query.getOPT();
        int limit = opt == null ? PLAIN_UDP_LIMIT : Math.max(PLAIN_UDP_LIMIT, Math.min(opt.getPayloadSize(), DnsResponder.EDNS_PAYLOAD));
        return response.toWire(limit);
    }

    private static byte[] formatError(byte[] wire) {
        if (wire.length < 12) {
            return null;
        }
        Message response = new Message(((wire[0] & 0xff) << 8) | (wire[1] & 0xff));
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return response.toWire();
    }

    private static InetAddress address(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the DNS server cannot listen on " + bindAddress + ": unknown address", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing on the way out
        }
        workers.shutdownNow();
    }
}

package org.mmsgw.gateway.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox mode ({@code gateway.sandbox=true}): an {@link SmscSimulator} on 127.0.0.1 at the port the
 * gateway's SMPP client dials, and {@link SandboxPhones} that retrieve what is pushed to them, so the
 * whole MM1 flow runs on one machine. Refuses to start when {@code gateway.smpp.host} is not
 * 127.0.0.1, since the gateway would then send its SMS to that host instead of the simulator. Once
 * Camel has started, logs a banner that says so and how to configure a real SMSC.
 */
public final class Sandbox extends ServiceSupport implements CamelContextAware {
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final String RULE = "=".repeat(100);

    private final String smppHost;
    private final String publicUrl;
    private final SandboxPhones phones;
    private final SmscSimulator simulator;
    private CamelContext camelContext;

    /**
     * @param smppHost     {@code gateway.smpp.host}, where the gateway's SMPP client connects
     * @param smscPort     {@code gateway.smpp.port}, where the simulator listens
     * @param publicUrl    {@code gateway.public-url}, where the phones reach the gateway
     * @param msisdnHeader {@code gateway.mm1.msisdn-header}
     */
    public Sandbox(String smppHost, int smscPort, String publicUrl, String msisdnHeader) {
        this.smppHost = smppHost;
        this.publicUrl = publicUrl;
        this.phones = new SandboxPhones(publicUrl, msisdnHeader);
        this.simulator = new SmscSimulator(smscPort, phones);
    }

    public SmscSimulator simulator() {
        return simulator;
    }

    public SandboxPhones phones() {
        return phones;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doStart() throws Exception {
        if (!dialsIpv4Loopback(smppHost)) {
            throw new IllegalStateException("gateway.sandbox=true but gateway.smpp.host=" + smppHost
                    + ": the SMPP client would not reach the sandbox SMSC simulator on 127.0.0.1. Set"
                    + " gateway.smpp.host=127.0.0.1 for the sandbox, or gateway.sandbox=false for a real SMSC.");
        }
        phones.start();
        try {
            simulator.start();
        } catch (IOException | RuntimeException e) {
            phones.stop();
            throw e;
        }
        if (camelContext != null) {
            camelContext.addStartupListener(new Banner());
        } else {
            logBanner();
        }
    }

    @Override
    protected void doStop() throws Exception {
        try {
            simulator.stop();
        } finally {
            phones.stop();
        }
    }

    /** The banner, the last thing Camel's start-up prints, so it is not lost among the route listing. */
    private final class Banner implements StartupListener {
        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            if (alreadyStarted) {
                logBanner();
            }
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            logBanner();
        }
    }

    private void logBanner() {
        var at = simulator.address();
        StringBuilder b = new StringBuilder("\n").append(RULE).append('\n')
                .append("  SANDBOX MODE (gateway.sandbox=true): nothing leaves this machine.\n")
                .append("  WAP Push SMS go to the built-in SMSC simulator listening on ")
                .append(at.getAddress().getHostAddress()).append(':').append(at.getPort()).append(" (loopback only);\n")
                .append("  every number is a sandbox phone that fetches its messages from ").append(publicUrl)
                .append(" and answers them.\n");
        if (!isLoopbackUrl(publicUrl)) {
            b.append("  Note: gateway.public-url ").append(publicUrl)
                    .append(" is not a loopback address; the sandbox phones connect to it.\n");
        }
        b.append("  To use a real SMSC: set gateway.sandbox=false and gateway.smpp.host, gateway.smpp.port,\n")
                .append("  gateway.smpp.system-id and gateway.smpp.password in config/application.properties, or the\n")
                .append("  environment variables GATEWAY_SANDBOX=false, GATEWAY_SMPP_HOST, GATEWAY_SMPP_PORT,\n")
                .append("  GATEWAY_SMPP_SYSTEM_ID and GATEWAY_SMPP_PASSWORD.\n")
                .append(RULE);
        LOG.info("{}", b);
    }

    /** Whether a client dialling {@code host} reaches 127.0.0.1 (a name is looked up, as the client will). */
    static boolean dialsIpv4Loopback(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress().equals("127.0.0.1");
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether the URL's host is a loopback literal or {@code localhost}; names are not looked up. */
    static boolean isLoopbackUrl(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

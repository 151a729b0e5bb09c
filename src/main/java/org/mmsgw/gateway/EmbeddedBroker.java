package org.mmsgw.gateway;

import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The Artemis broker the gateway embeds by default: persistent journal under the data directory,
 * reachable in-VM only, a dead-letter and an expiry queue (the broker's defaults would delete such
 * messages), and redelivery with back-off for the hand-offs between flows.
 */
public final class EmbeddedBroker extends ServiceSupport {
    public static final String DEAD_LETTER = "DLQ";
    public static final String EXPIRY = "ExpiryQueue";
    /** The queue the entry points hand accepted messages to. */
    public static final String SUBMITTED = "mms.submitted";

    private final Path directory;
    private final String serverId;
    private final long submittedMaxBytes;
    private volatile org.apache.activemq.artemis.core.server.Queue submittedQueue;
    private final long deliverMaxBytes;
    private final int threads;
    private volatile EmbeddedActiveMQ broker;

    /**
     * @param serverId          the in-VM server id; clients connect with {@code vm://<id>}
     * @param submittedMaxBytes how much {@value #SUBMITTED} holds before senders wait
     * @param deliverMaxBytes   how much each {@code mms.deliver.*} queue holds in memory before it pages to disk
     * @param threads           the broker's thread pool (deliveries, journal completions)
     */
    public EmbeddedBroker(Path directory, String serverId, long submittedMaxBytes, long deliverMaxBytes, int threads) {
        this.directory = directory;
        this.serverId = serverId;
        this.submittedMaxBytes = submittedMaxBytes;
        this.deliverMaxBytes = deliverMaxBytes;
        this.threads = threads;
    }

    public String url() {
        return "vm://" + serverId;
    }

    @Override
    protected void doStart() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("mmsgw")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(directory.resolve("journal").toString())
                .setBindingsDirectory(directory.resolve("bindings").toString())
                .setPagingDirectory(directory.resolve("paging").toString())
                .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(directory.resolve("lock").toString())
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setThreadPoolMaxSize(threads)
                .addAcceptorConfiguration("in-vm", url())
                .addAddressSetting("#", retried(10))
                // submissions beyond what routing keeps up with wait at the door (the phone's answer comes
                // later) instead of piling up in memory: the gateway's SubmissionGate holds them back while
                // the queue is at its bound (submittedOctets), so the broker never blocks a sender (which
                // would stall Netty's event loop); beyond twice the bound (a few that passed together, or
                // more with the routing stopped) messages go to page files, not the heap
                .addAddressSetting(SUBMITTED, retried(10)
                        .setMaxSizeBytes(2 * submittedMaxBytes)
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE))
                // deliveries wait out an SMSC or SMTP outage of any length: they are retried until the
                // message expires, when housekeeping ends the recipient and the hand-off finds nothing to do
                // a long SMSC or mail outage piles up hand-offs: beyond their bound they wait in page files on
                // disk, not in the heap, and submissions are still taken
                .addAddressSetting("mms.deliver.#", retried(-1)
                        .setMaxSizeBytes(deliverMaxBytes)
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE))
                // events from the SMSC (an SMS to forward while the mail server is away): about an hour
                .addAddressSetting("mms.smsc.#", retried(150))
                .addQueueConfiguration(QueueConfiguration.of(DEAD_LETTER).setRoutingType(RoutingType.ANYCAST))
                .addQueueConfiguration(QueueConfiguration.of(EXPIRY).setRoutingType(RoutingType.ANYCAST));
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
    }

    /** Dead letters and expired messages kept, redelivery with back-off (500 ms doubling to 30 s). */
    private static AddressSettings retried(int maxDeliveryAttempts) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER))
                .setExpiryAddress(SimpleString.of(EXPIRY))
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(500)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(30_000)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true);
    }

    @Override
    protected void doStop() throws Exception {
        submittedQueue = null;
        if (broker != null) {
            broker.stop();
        }
    }

    /** The running broker itself, or null before the start (hand-offs routed in it). */
    public org.apache.activemq.artemis.core.server.ActiveMQServer server() {
        EmbeddedActiveMQ running = broker;
        return running == null ? null : running.getActiveMQServer();
    }

    /** Messages waiting on a queue (0 when it does not exist); for health, metrics and tests. */
    public long depth(String queue) {
        var q = broker == null ? null : broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    /**
     * The octets of the messages {@value #SUBMITTED} holds now (waiting, being delivered, or in page
     * files), as the broker counts them.
     */
    public long submittedOctets() {
        org.apache.activemq.artemis.core.server.Queue queue = submittedQueue;
        if (queue == null && broker != null) {
            queue = broker.getActiveMQServer().locateQueue(SimpleString.of(SUBMITTED));
            submittedQueue = queue;
        }
        return queue == null ? 0 : queue.getPersistentSize();
    }

    /** The octets beyond which submissions wait ({@code gateway.broker.submitted-max-bytes}). */
    public long submittedBound() {
        return submittedMaxBytes;
    }

    /** Whether an address keeps its newer messages in page files (it holds more than its bound). */
    public boolean isPaging(String address) throws Exception {
        var store = broker == null ? null
                : broker.getActiveMQServer().getPagingManager().getPageStore(SimpleString.of(address));
        return store != null && store.isPaging();
    }

    public boolean isActive() {
        return broker != null && broker.getActiveMQServer().isActive();
    }

    /** Stops the broker as a crash would: no graceful shutdown steps (tests of durability). */
    public void crash() throws Exception {
        ((org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl) broker.getActiveMQServer())
                .stop(false, true, false);
    }
}

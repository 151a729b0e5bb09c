package org.mmsgw.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spi.Registry;
import org.mmsgw.gateway.handoff.HandOffComponent;
import org.mmsgw.gateway.handoff.SubmissionGate;
import org.mmsgw.gateway.mail.PooledMailConfiguration;
import org.mmsgw.gateway.mail.SmtpConnections;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.HeaderAllowList;
import org.mmsgw.processors.Ids;
import org.mmsgw.processors.deliver.MailOutProcessor;
import org.mmsgw.processors.deliver.NotificationBuilder;
import org.mmsgw.processors.deliver.NotifyProcessor;
import org.mmsgw.processors.deliver.PushSegmentsProcessor;
import org.mmsgw.processors.deliver.RecipientStateProcessor;
import org.mmsgw.processors.deliver.ReportHandOff;
import org.mmsgw.processors.deliver.ReportProcessor;
import org.mmsgw.processors.deliver.SegmentSentProcessor;
import org.mmsgw.processors.housekeeping.ExpiryProcessor;
import org.mmsgw.processors.mail.MailComposer;
import org.mmsgw.processors.mm1.Mm1PostProcessor;
import org.mmsgw.processors.mm1.RecentSubmissions;
import org.mmsgw.processors.mm1.RetrieveProcessor;
import org.mmsgw.processors.mm1.SenderIdentifier;
import org.mmsgw.processors.mm1.SubmitHandler;
import org.mmsgw.processors.mm1.SubmitPolicy;
import org.mmsgw.processors.mm1.TryLaterProcessor;
import org.mmsgw.processors.route.DeliveryHeaders;
import org.mmsgw.processors.route.StoreSubmissionProcessor;
import org.mmsgw.processors.inbound.InboundMailProcessor;
import org.mmsgw.processors.inbound.MoSmsProcessor;
import org.mmsgw.processors.inbound.ReceiptProcessor;
import org.mmsgw.processors.inbound.SmsEventProcessor;
import org.mmsgw.processors.inbound.SmscIds;
import org.mmsgw.processors.mail.SmsMailComposer;
import org.mmsgw.processors.store.FileMessageStore;
import org.mmsgw.processors.store.FileSmsStore;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.RecipientTokens;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoreSyncProcessor;

/**
 * Wires the gateway: the broker (embedded, or external by URL), the JMS components, the store and
 * every processor the YAML routes refer to by name.
 */
public final class GatewayConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        Path dataDir = Path.of(settings.text("gateway.data-dir", "data")).toAbsolutePath();
        Files.createDirectories(dataDir);

        String brokerUrl = brokerUrl(context, settings, dataDir, registry);
        String user = settings.text("gateway.broker.user", null);
        String password = settings.text("gateway.broker.password", null);
        ConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(factory);
        // transacted consumers use the listener container's own transacted session (cached with the
        // consumer), and sends from the route join it: no transaction manager opening a connection
        // per transaction
        jms.setLazyCreateTransactionManager(false);
        context.addComponent("jms", jms);
        // hand-offs from outside any transaction (HTTP, mail, SMSC, housekeeping): confirmed by the
        // broker asynchronously, so many requests share one journal sync without a thread each
        ActiveMQConnectionFactory confirming = new ActiveMQConnectionFactory(brokerUrl, user, password);
        confirming.setConfirmationWindowSize(settings.number("gateway.broker.confirmation-window", 256 * 1024));
        // small grants of room: the HTTP side asks for room about once a message (docs/benchmarks.md)
        confirming.setProducerWindowSize(settings.number("gateway.broker.producer-window", 2048));
        // submissions wait for room in the gateway, not in the broker, when it is the embedded one
        EmbeddedBroker embedded = registry.lookupByNameAndType("broker", EmbeddedBroker.class);
        SubmissionGate gate = embedded == null ? null : new SubmissionGate(EmbeddedBroker.SUBMITTED,
                embedded::submittedOctets, embedded.submittedBound(),
                settings.duration("gateway.broker.submitted-wait", "PT20S").toMillis());
        long confirmTimeout = settings.duration("gateway.broker.confirm-timeout", "PT30S").toMillis();
        // into the embedded broker, sends are routed in the broker itself (no client, no in-VM connection)
        context.addComponent("handoff", embedded != null && settings.flag("gateway.broker.direct-sends", true)
                ? HandOffComponent.embedded(embedded::server, confirming, confirmTimeout, gate)
                : new HandOffComponent(confirming, confirmTimeout, gate));
        context.addComponent("smpp", new SmppComponentWithBindTimeout());
        context.addComponent("smtp", mailComponent(context, settings));

        MessageStore store = store(context, settings, dataDir);
        FileSmsStore sms = new FileSmsStore(dataDir.resolve("sms"));
        closeOnStop(context, sms, "the SMS store");
        SenderIdentifier phones = new SenderIdentifier(settings.text("gateway.mm1.msisdn-header", "X-MSISDN"),
                settings.list("gateway.mm1.trusted-proxies", "127.0.0.1,::1"),
                settings.list("gateway.mm1.accounts", ""));
        SubmitPolicy policy = new SubmitPolicy(settings.number("gateway.mms.max-size", 600 * 1024),
                settings.number("gateway.mms.max-recipients", 100),
                settings.duration("gateway.expiry.default", "P3D"), settings.duration("gateway.expiry.max", "P7D"),
                settings.list("gateway.mms.allowed-media",
                        "text/*,image/*,audio/*,video/*,application/smil,application/vnd.wap.multipart.*"));
        NotificationBuilder notifications = new NotificationBuilder(settings.text("gateway.public-url",
                "http://127.0.0.1:" + settings.text("gateway.http.port", "8080")),
                settings.flag("gateway.notification.fit-one-sms", false));

        Counters counters = new Counters();
        SmppLink smppLink = new SmppLink(settings.text("gateway.smpp.host", "127.0.0.1"),
                settings.number("gateway.smpp.port", 2775), settings.text("gateway.smpp.system-id", "mmsgw"),
                settings.text("gateway.smpp.password", ""), settings.text("gateway.smpp.system-type", ""));
        registry.bind("counters", counters);
        if (gate != null) {
            counters.gauge("mmsgw_submissions_waiting", gate::waiting);
        }
        registry.bind("smppLink", smppLink);
        registry.bind("status", new StatusProcessor(registry.lookupByNameAndType("broker", EmbeddedBroker.class),
                factory, smppLink, counters, store));
        registry.bind("messageStore", store);
        registry.bind("httpRequest", new HttpRequestReader(phones.msisdnHeader()));
        registry.bind("httpResponse", new HttpResponder());
        RecentSubmissions recent = new RecentSubmissions(100_000, Duration.ofMinutes(30), clock);
        registry.bind("recentSubmissions", recent);
        boolean anonymous = settings.flag("gateway.mm1.anonymous-retrieval", false);
        registry.bind("mm1Post", new Mm1PostProcessor(new SubmitHandler(policy, Ids::random, clock), phones, store,
                counters, recent, anonymous));
        registry.bind("tryLater", new TryLaterProcessor(counters, settings.duration("gateway.mm1.retry-after", "PT30S")));
        registry.bind("mm1Retrieve", new RetrieveProcessor(store, phones, clock, counters, anonymous));
        registry.bind("storeSubmission", new StoreSubmissionProcessor(store,
                RecipientTokens.open(dataDir.resolve("recipient-tokens.key"))));
        registry.bind("deliveryHeaders", new DeliveryHeaders());
        registry.bind("notify", new NotifyProcessor(store, notifications, clock, counters));
        registry.bind("pushSegments", new PushSegmentsProcessor());
        registry.bind("smppSegmentHeaders", new SmppSegmentHeaders());
        registry.bind("smppErrors", new SmppErrors());
        registry.bind("segmentSent", new SegmentSentProcessor(store, counters));
        registry.bind("notified", new RecipientStateProcessor(store, RecipientState.NOTIFIED, true));
        StoreSyncProcessor storeSync = new StoreSyncProcessor(store);
        registry.bind("storeSync", storeSync);
        // the routing step and the deliveries take up to this many queued messages into one transaction
        registry.bind("routeBatches", BatchingListenerContainer.factory(settings.number("gateway.route.batch", 8),
                storeSync));
        registry.bind("deliverBatches", BatchingListenerContainer.factory(
                settings.number("gateway.deliver.batch", 8), storeSync));
        registry.bind("unreachable", new RecipientStateProcessor(store, RecipientState.UNREACHABLE));
        registry.bind("report", new ReportProcessor(store, clock, counters));
        registry.bind("expiry", new ExpiryProcessor(store, settings.duration("gateway.expiry.retention", "PT1H"), clock));
        registry.bind("jmsHeaders", HeaderAllowList.of(String.join(",", JMS_HEADERS)));
        registry.bind("reportHandOff", new ReportHandOff(HeaderAllowList.of(String.join(",", JMS_HEADERS))));
        registry.bind("expired", new RecipientStateProcessor(store, RecipientState.EXPIRED));
        registry.bind("mailOut", new MailOutProcessor(store, new MailComposer(
                settings.text("gateway.mms.domain", "mms.example.net"), settings.flag("gateway.mail.keep-smil", true)),
                sms));
        registry.bind("mailErrors", new MailErrors());
        registry.bind("forwarded", new RecipientStateProcessor(store, RecipientState.FORWARDED, true));
        InboundMail.bind(registry, settings, store, policy, clock, counters, sms);
        registry.bind("jmsBrokerHeaders", HeaderAllowList.of(String.join(",", JMS_HEADERS) + ","
                + InboundMailProcessor.DUPLICATE_ID + "," + ReceiptProcessor.SCHEDULED));
        registry.bind("smsEvent", new SmsEventProcessor(counters));
        registry.bind("receipt", new ReceiptProcessor(store, SmscIds.Form.valueOf(settings.text("gateway.smpp.receipt-id",
                "auto").toUpperCase(java.util.Locale.ROOT).replace('-', '_')), settings.number("gateway.smpp.receipt-attempts", 30),
                settings.duration("gateway.smpp.receipt-wait", "PT2S"), clock, counters));
        registry.bind("staleSegments", new org.mmsgw.processors.housekeeping.StaleSegmentsProcessor(sms,
                settings.duration("gateway.sms.parts-max-age", "P1D"), clock));
        registry.bind("moSms", new MoSmsProcessor(sms, sms, settings.optional("gateway.sms.default-mailbox"),
                new SmsMailComposer(settings.text("gateway.mms.domain", "mms.example.net")), counters));
        if (settings.flag("gateway.sandbox", false)) {
            // an SMSC simulator and phones on loopback; the SMPP client reaches it via gateway.smpp.host/port
            var sandbox = new org.mmsgw.gateway.sandbox.Sandbox(settings.text("gateway.smpp.host", "127.0.0.1"),
                    settings.number("gateway.smpp.port", 2775), settings.text("gateway.public-url",
                            "http://127.0.0.1:" + settings.text("gateway.http.port", "8080")), phones.msisdnHeader());
            registry.bind("sandbox", sandbox);
            context.addService(sandbox, true, true);
            var sandboxMail = new org.mmsgw.gateway.sandbox.SandboxMail(settings.number("gateway.smtp.port", 2525),
                    settings.number("gateway.mail.inbound.port", 3143), settings.text("gateway.mms.domain", "mms.example.net"),
                    settings.text("gateway.mail.inbound.user", "mms"), settings.text("gateway.mail.inbound.password", "mms"));
            registry.bind("sandboxMail", sandboxMail);
            context.addService(sandboxMail, true, true);
        }
    }

    /**
     * The SMTP client: server, port, TLS and credentials from the {@code gateway.smtp.*} settings, so the
     * route files need only {@code smtp://host:port}.
     */
    private static org.apache.camel.component.mail.MailComponent mailComponent(CamelContext context, Settings settings)
            throws Exception {
        // Jakarta Mail 2.1 looks its stream provider up through a ServiceLoader for every body part it
        // makes or writes (jakartaee/mail-api#699, #861), a scan of the class path each time; named, it
        // is one class lookup
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        // a mail goes out on the connection the last one left open (closed after gateway.smtp.keep-open idle)
        SmtpConnections connections = new SmtpConnections(settings.duration("gateway.smtp.keep-open", "PT5S"),
                settings.number("gateway.smtp.mails-per-connection", 100), SMTP_WRITE_TIMERS);
        closeOnStop(context, connections, "the SMTP connections");
        org.apache.camel.component.mail.MailConfiguration config = new PooledMailConfiguration(connections);
        String security = settings.text("gateway.smtp.security", "none");
        config.configureProtocol(security.equals("tls") ? "smtps" : "smtp");
        config.setHost(settings.text("gateway.smtp.host", "127.0.0.1"));
        config.setPort(settings.number("gateway.smtp.port", 25));
        settings.optional("gateway.smtp.user").ifPresent(config::setUsername);
        settings.optional("gateway.smtp.password").ifPresent(config::setPassword);
        config.setConnectionTimeout(settings.number("gateway.smtp.timeout", 30000));
        java.util.Properties props = new java.util.Properties();
        props.setProperty("mail.smtp.timeout", settings.text("gateway.smtp.timeout", "30000"));
        props.setProperty("mail.smtp.writetimeout", settings.text("gateway.smtp.timeout", "30000"));
        // the write timeout otherwise makes Angus Mail start a timer thread for every connection
        props.put("mail.smtp.executor.writetimeout", SMTP_WRITE_TIMERS);
        if (security.equals("starttls")) {
            props.setProperty("mail.smtp.starttls.enable", "true");
            props.setProperty("mail.smtp.starttls.required", "true");
        }
        config.setAdditionalJavaMailProperties(props);
        org.apache.camel.component.mail.MailComponent mail = new org.apache.camel.component.mail.MailComponent();
        mail.setConfiguration(config);
        return mail;
    }

    /**
     * The message store: the log store (one append-only log with group commit; the default), or one
     * file per record ({@code gateway.store.type=files}). Closed after the routes stop.
     */
    private static MessageStore store(CamelContext context, Settings settings, Path dataDir) {
        String type = settings.text("gateway.store.type", "log");
        switch (type) {
            case "files":
                return new FileMessageStore(dataDir.resolve("store"));
            case "log":
                org.mmsgw.processors.store.LogMessageStore log =
                        new org.mmsgw.processors.store.LogMessageStore(dataDir.resolve("store-log"));
                closeOnStop(context, log, "the message store");
                return log;
            default:
                throw new IllegalArgumentException("gateway.store.type must be log or files, was " + type);
        }
    }

    /** {@code resource} is closed when Camel stops, after the routes that use it. */
    private static void closeOnStop(CamelContext context, AutoCloseable resource, String what) {
        try {
            context.addService(new org.apache.camel.support.service.ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register " + what + " to be closed", e);
        }
    }

    /** The gateway's own headers that travel between routes as JMS properties; everything else is dropped. */
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    /** One timer thread for the write timeouts of every SMTP connection (cancelled timers leave at once). */
    private static final java.util.concurrent.ScheduledExecutorService SMTP_WRITE_TIMERS = smtpWriteTimers();

    private static java.util.concurrent.ScheduledExecutorService smtpWriteTimers() {
        java.util.concurrent.ScheduledThreadPoolExecutor timers = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                r -> {
                    Thread t = new Thread(r, "smtp-write-timeouts");
                    t.setDaemon(true);
                    return t;
                });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    static final String[] JMS_HEADERS = {"MmsMessageId", "MmsSender", "MmsRecipient", "MmsChannel", "MmsExpiry",
        "MmsReportType", "MmsReportStatus", "MmsReadStatus", "MmsSmsKind", "MmsSmscId", "MmsSmscIdFromTlv",
        "MmsReceiptStat", "MmsSmsSource", "MmsSmsCoding", "MmsSmsUdhi", "MmsAttempt"};

    /** The external broker's URL, or the embedded broker's after starting it. */
    private static String brokerUrl(CamelContext context, Settings settings, Path dataDir, Registry registry)
            throws Exception {
        var url = settings.optional("gateway.broker.url");
        if (url.isPresent()) {
            return url.get();
        }
        EmbeddedBroker broker = new EmbeddedBroker(dataDir.resolve("broker"),
                settings.text("gateway.broker.embedded-id", "0"),
                settings.number("gateway.broker.submitted-max-bytes", 8 * 1024 * 1024),
                settings.number("gateway.broker.deliver-max-bytes", 16 * 1024 * 1024),
                settings.number("gateway.broker.threads", 8));
        // started now, before the routes that consume from it; stopped by Camel after them
        broker.start();
        context.addService(broker, true, true);
        registry.bind("broker", broker);
        return broker.url();
    }
}

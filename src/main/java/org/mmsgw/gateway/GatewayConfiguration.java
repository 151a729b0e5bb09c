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
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.HeaderAllowList;
import org.mmsgw.processors.Ids;
import org.mmsgw.processors.deliver.NotificationBuilder;
import org.mmsgw.processors.deliver.NotifyProcessor;
import org.mmsgw.processors.deliver.PushSegmentsProcessor;
import org.mmsgw.processors.deliver.RecipientStateProcessor;
import org.mmsgw.processors.deliver.ReportProcessor;
import org.mmsgw.processors.deliver.SegmentSentProcessor;
import org.mmsgw.processors.housekeeping.ExpiryProcessor;
import org.mmsgw.processors.mm1.Mm1PostProcessor;
import org.mmsgw.processors.mm1.RecentSubmissions;
import org.mmsgw.processors.mm1.RetrieveProcessor;
import org.mmsgw.processors.mm1.SenderIdentifier;
import org.mmsgw.processors.mm1.SubmitHandler;
import org.mmsgw.processors.mm1.SubmitPolicy;
import org.mmsgw.processors.route.StoreSubmissionProcessor;
import org.mmsgw.processors.store.FileMessageStore;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.RecipientState;
import org.springframework.jms.connection.CachingConnectionFactory;

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

        ConnectionFactory factory = connectionFactory(context, settings, dataDir, registry);
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(factory);
        context.addComponent("jms", jms);
        // the HTTP side sends outside any transaction: cached sessions spare a connection per request
        CachingConnectionFactory caching = new CachingConnectionFactory(factory);
        caching.setSessionCacheSize(64);
        JmsComponent ingress = new JmsComponent();
        ingress.setConnectionFactory(caching);
        context.addComponent("jmsin", ingress);
        context.addComponent("smpp", new SmppComponentWithBindTimeout());
        // closed before the broker stops (services stop in reverse order)
        context.addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() {
                caching.destroy();
            }
        }, true, true);

        MessageStore store = new FileMessageStore(dataDir.resolve("store"));
        SenderIdentifier phones = new SenderIdentifier(settings.text("gateway.mm1.msisdn-header", "X-MSISDN"),
                settings.list("gateway.mm1.trusted-proxies", "127.0.0.1,::1"),
                settings.list("gateway.mm1.accounts", ""));
        SubmitPolicy policy = new SubmitPolicy(settings.number("gateway.mms.max-size", 600 * 1024),
                settings.number("gateway.mms.max-recipients", 100),
                settings.duration("gateway.expiry.default", "P3D"), settings.duration("gateway.expiry.max", "P7D"),
                settings.list("gateway.mms.allowed-media",
                        "text/*,image/*,audio/*,video/*,application/smil,application/vnd.wap.multipart.*"));
        NotificationBuilder notifications = new NotificationBuilder(settings.text("gateway.public-url",
                "http://127.0.0.1:" + settings.text("gateway.http.port", "8080")));

        Counters counters = new Counters();
        SmppLink smppLink = new SmppLink(settings.text("gateway.smpp.host", "127.0.0.1"),
                settings.number("gateway.smpp.port", 2775), settings.text("gateway.smpp.system-id", "mmsgw"),
                settings.text("gateway.smpp.password", ""), settings.text("gateway.smpp.system-type", ""));
        registry.bind("counters", counters);
        registry.bind("smppLink", smppLink);
        registry.bind("status", new StatusProcessor(registry.lookupByNameAndType("broker", EmbeddedBroker.class),
                smppLink, counters));
        registry.bind("messageStore", store);
        registry.bind("httpRequest", new HttpRequestReader(phones.msisdnHeader()));
        registry.bind("httpResponse", new HttpResponder());
        RecentSubmissions recent = new RecentSubmissions(100_000, Duration.ofMinutes(30), clock);
        registry.bind("recentSubmissions", recent);
        registry.bind("mm1Post", new Mm1PostProcessor(new SubmitHandler(policy, Ids::random, clock), phones, store,
                counters, recent));
        registry.bind("mm1Retrieve", new RetrieveProcessor(store, phones, clock, counters));
        registry.bind("storeSubmission", new StoreSubmissionProcessor(store, Ids::random));
        registry.bind("notify", new NotifyProcessor(store, notifications, clock, counters));
        registry.bind("pushSegments", new PushSegmentsProcessor());
        registry.bind("smppSegmentHeaders", new SmppSegmentHeaders());
        registry.bind("smppErrors", new SmppErrors());
        registry.bind("segmentSent", new SegmentSentProcessor(store, counters));
        registry.bind("notified", new RecipientStateProcessor(store, RecipientState.NOTIFIED));
        registry.bind("unreachable", new RecipientStateProcessor(store, RecipientState.UNREACHABLE));
        registry.bind("report", new ReportProcessor(store, clock, counters));
        registry.bind("expiry", new ExpiryProcessor(store, settings.duration("gateway.expiry.retention", "PT1H"), clock));
        registry.bind("jmsHeaders", HeaderAllowList.of(String.join(",", JMS_HEADERS)));
        if (settings.flag("gateway.sandbox", false)) {
            // an SMSC simulator and phones on loopback; the SMPP client reaches it via gateway.smpp.host/port
            var sandbox = new org.mmsgw.gateway.sandbox.Sandbox(settings.text("gateway.smpp.host", "127.0.0.1"),
                    settings.number("gateway.smpp.port", 2775), settings.text("gateway.public-url",
                            "http://127.0.0.1:" + settings.text("gateway.http.port", "8080")), phones.msisdnHeader());
            registry.bind("sandbox", sandbox);
            context.addService(sandbox, true, true);
        }
    }

    /** The gateway's own headers that travel between routes as JMS properties; everything else is dropped. */
    static final String[] JMS_HEADERS = {"MmsMessageId", "MmsSender", "MmsRecipient", "MmsChannel", "MmsExpiry",
        "MmsReportType", "MmsReportStatus", "MmsReadStatus"};

    private static ConnectionFactory connectionFactory(CamelContext context, Settings settings, Path dataDir,
            Registry registry) throws Exception {
        var url = settings.optional("gateway.broker.url");
        if (url.isPresent()) {
            return new ActiveMQConnectionFactory(url.get(), settings.text("gateway.broker.user", null),
                    settings.text("gateway.broker.password", null));
        }
        EmbeddedBroker broker = new EmbeddedBroker(dataDir.resolve("broker"),
                settings.text("gateway.broker.embedded-id", "0"));
        // started now, before the routes that consume from it; stopped by Camel after them
        broker.start();
        context.addService(broker, true, true);
        registry.bind("broker", broker);
        return new ActiveMQConnectionFactory(broker.url());
    }
}

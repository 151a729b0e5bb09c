package org.mmsgw.gateway;

import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the mail consumer's polls on one thread: every {@code delay}, and at once when the IMAP server
 * says a mail arrived (RFC 2177 IDLE, on a second connection of its own, where the server offers it).
 * camel-mail only polls; this keeps its polling (and its commit and rollback of each mail) and takes
 * away the wait. With POP3, or a server without IDLE, it is a plain fixed-delay scheduler.
 */
public final class MailPollScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(MailPollScheduler.class);
    private static final long RECONNECT_MS = 5000;

    private final long delayMs;
    private final Idle idle;
    private final Semaphore wake = new Semaphore(0);
    private CamelContext context;
    private volatile Runnable task;
    private volatile Thread poller;
    private volatile Thread watcher;
    private volatile Store watching;

    /** The IMAP connection to watch; null for none (POP3, or IDLE switched off). */
    public record Idle(String protocol, String host, int port, String user, String password, String folder,
            Properties javaMail) {
    }

    public MailPollScheduler(long delayMs, Idle idle) {
        this.delayMs = delayMs;
        this.idle = idle;
    }

    /** Polls as soon as the poller is free. */
    public void wakeUp() {
        wake.release();
    }

    @Override
    public void onInit(Consumer consumer) {
        // nothing to prepare: the task comes with scheduleTask
    }

    @Override
    public void scheduleTask(Runnable task) {
        this.task = task;
    }

    @Override
    public void unscheduleTask() {
        this.task = null;
    }

    @Override
    public void startScheduler() {
        if (poller != null) {
            return;
        }
        poller = new Thread(this::pollLoop, "mail-poller");
        poller.setDaemon(true);
        poller.start();
        if (idle != null) {
            watcher = new Thread(this::watchLoop, "mail-idle");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    @Override
    public boolean isSchedulerStarted() {
        return poller != null;
    }

    @Override
    protected void doStop() throws InterruptedException {
        Thread p = poller;
        Thread w = watcher;
        poller = null;
        watcher = null;
        Store s = watching;
        if (s != null) {
            // a thread in IDLE waits on its socket, which only closing ends
            try {
                s.close();
            } catch (MessagingException e) {
                LOG.debug("closing the IDLE connection: {}", e.getMessage());
            }
        }
        for (Thread t : new Thread[] {p, w}) {
            if (t != null) {
                t.interrupt();
                t.join(5000);
            }
        }
    }

    private void pollLoop() {
        Thread self = Thread.currentThread();
        while (poller == self) {
            Runnable t = task;
            if (t != null) {
                // ScheduledPollConsumer.run handles and logs its own failures
                t.run();
            }
            try {
                wake.tryAcquire(delayMs, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void watchLoop() {
        Thread self = Thread.currentThread();
        while (watcher == self) {
            try {
                if (!watchOnce()) {
                    return;
                }
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("IMAP IDLE connection ended: {}", e.getMessage());
            }
            try {
                Thread.sleep(RECONNECT_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One IDLE connection until it fails; false when the server does not offer IDLE. */
    private boolean watchOnce() throws MessagingException {
        Store store = Session.getInstance(idle.javaMail()).getStore(idle.protocol());
        watching = store;
        try {
            store.connect(idle.host(), idle.port(), idle.user(), idle.password());
            if (!(store instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
                LOG.info("the mail server offers no IMAP IDLE: polling every {} ms", delayMs);
                return false;
            }
            Folder folder = store.getFolder(idle.folder());
            folder.open(Folder.READ_ONLY);
            folder.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    wakeUp();
                }
            });
            LOG.info("watching {} on {}:{} with IMAP IDLE", idle.folder(), idle.host(), idle.port());
            // mail that arrived while no connection watched
            wakeUp();
            while (watcher == Thread.currentThread()) {
                ((IMAPFolder) folder).idle(false);
            }
            return true;
        } finally {
            watching = null;
            try {
                store.close();
            } catch (MessagingException e) {
                LOG.debug("closing the IDLE connection: {}", e.getMessage());
            }
        }
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }
}

package org.mmsgw.gateway.mail;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailConfiguration;

/**
 * camel-mail's configuration whose SMTP producers send through {@link SmtpConnections}; every endpoint's
 * copy of it (camel-mail clones the component's) shares them.
 */
public final class PooledMailConfiguration extends MailConfiguration {
    private final SmtpConnections connections;

    public PooledMailConfiguration(SmtpConnections connections) {
        this.connections = connections;
    }

    @Override
    protected JavaMailSender createJavaMailSender(CamelContext context) {
        JavaMailSender plain = super.createJavaMailSender(context);
        return plain instanceof DefaultJavaMailSender settings ? new PooledMailSender(settings, connections) : plain;
    }
}

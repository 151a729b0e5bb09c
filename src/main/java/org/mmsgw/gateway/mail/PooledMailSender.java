package org.mmsgw.gateway.mail;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailAuthenticator;

/** camel-mail's sender, set up as camel-mail sets it up, sending through {@link SmtpConnections}. */
final class PooledMailSender implements JavaMailSender {
    private final DefaultJavaMailSender settings;
    private final SmtpConnections connections;

    PooledMailSender(DefaultJavaMailSender settings, SmtpConnections connections) {
        this.settings = settings;
        this.connections = connections;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        connections.send(settings, message);
    }

    @Override
    public Properties getJavaMailProperties() {
        return settings.getJavaMailProperties();
    }

    @Override
    public void setJavaMailProperties(Properties properties) {
        settings.setJavaMailProperties(properties);
    }

    @Override
    public void addAdditionalJavaMailProperty(String key, String value) {
        settings.addAdditionalJavaMailProperty(key, value);
    }

    @Override
    public void setHost(String host) {
        settings.setHost(host);
    }

    @Override
    public String getHost() {
        return settings.getHost();
    }

    @Override
    public void setPort(int port) {
        settings.setPort(port);
    }

    @Override
    public int getPort() {
        return settings.getPort();
    }

    @Override
    public void setUsername(String username) {
        settings.setUsername(username);
    }

    @Override
    public String getUsername() {
        return settings.getUsername();
    }

    @Override
    public void setPassword(String password) {
        settings.setPassword(password);
    }

    @Override
    public String getPassword() {
        return settings.getPassword();
    }

    @Override
    public void setProtocol(String protocol) {
        settings.setProtocol(protocol);
    }

    @Override
    public String getProtocol() {
        return settings.getProtocol();
    }

    @Override
    public void setSession(Session session) {
        settings.setSession(session);
    }

    @Override
    public Session getSession() {
        return settings.getSession();
    }

    @Override
    public void setAuthenticator(MailAuthenticator authenticator) {
        settings.setAuthenticator(authenticator);
    }

    @Override
    public MailAuthenticator getAuthenticator() {
        return settings.getAuthenticator();
    }
}

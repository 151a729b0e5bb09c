package org.mmsgw.processors.route;

/** One recipient of an accepted message and the way to reach it (getters for Camel's simple language). */
public final class Delivery {
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String NONE = "none";

    private final String messageId;
    private final String address;
    private final String channel;

    public Delivery(String messageId, String address, String channel) {
        this.messageId = messageId;
        this.address = address;
        this.channel = channel;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getAddress() {
        return address;
    }

    public String getChannel() {
        return channel;
    }

    @Override
    public String toString() {
        return channel + ":" + address;
    }
}

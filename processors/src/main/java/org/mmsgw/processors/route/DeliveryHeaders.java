package org.mmsgw.processors.route;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.processors.MmsHeaders;

/**
 * For one {@link Delivery} in the body (a part of the routing step's split): its address in
 * {@link MmsHeaders#RECIPIENT}, its channel in {@link MmsHeaders#CHANNEL}, and an empty body, which is
 * what a hand-off carries.
 */
public final class DeliveryHeaders implements Processor {
    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        set(in, in.getMandatoryBody(Delivery.class));
        in.setBody("");
    }

    static void set(Message in, Delivery delivery) {
        in.setHeader(MmsHeaders.RECIPIENT, delivery.getAddress());
        in.setHeader(MmsHeaders.CHANNEL, delivery.getChannel());
    }
}

package org.mmsgw.gateway;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.processors.MmsHeaders;

/**
 * The last step of every HTTP route: the answer carries only a status, a Content-Type and, with a 503,
 * a Retry-After; no exchange header leaks into the HTTP response.
 */
public final class HttpResponder implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        int status = in.getHeader(MmsHeaders.HTTP_STATUS, 200, Integer.class);
        String type = in.getHeader(MmsHeaders.HTTP_CONTENT_TYPE, "text/plain", String.class);
        Object body = status == 204 ? "" : in.getBody();
        Object retryAfter = in.getHeader(MmsHeaders.HTTP_RETRY_AFTER);
        in.removeHeaders("*");
        if (retryAfter != null) {
            in.setHeader("Retry-After", retryAfter.toString());
        }
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, type);
        in.setBody(body == null ? "" : body);
    }
}

package org.mmsgw.gateway;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.NettyConstants;
import org.apache.camel.component.netty.http.NettyHttpMessage;
import org.mmsgw.processors.MmsHeaders;

/**
 * The HTTP entry point's allow-list (the consumer runs with {@code mapHeaders=false}): copies the body
 * out of Netty's pooled buffer and takes exactly the request facts the MM1 flows use (method, path,
 * Content-Type, the MSISDN header, Authorization, client address) into {@code Mms*} headers. Every
 * other header, query parameter or form field a client sends is dropped.
 */
public final class HttpRequestReader implements Processor {
    private final String msisdnHeader;

    public HttpRequestReader(String msisdnHeader) {
        this.msisdnHeader = msisdnHeader;
    }

    @Override
    public void process(Exchange exchange) {
        FullHttpRequest request = exchange.getIn(NettyHttpMessage.class).getHttpRequest();
        Message in = exchange.getMessage();
        Object remote = in.getHeader(NettyConstants.NETTY_REMOTE_ADDRESS);
        byte[] body = ByteBufUtil.getBytes(request.content());
        in.removeHeaders("*");
        in.setHeader(MmsHeaders.HTTP_METHOD, request.method().name());
        in.setHeader(MmsHeaders.HTTP_PATH, new QueryStringDecoder(request.uri()).path());
        copy(in, MmsHeaders.HTTP_CONTENT_TYPE, request.headers().get("Content-Type"));
        copy(in, MmsHeaders.HTTP_MSISDN, request.headers().get(msisdnHeader));
        copy(in, MmsHeaders.HTTP_AUTHORIZATION, request.headers().get("Authorization"));
        if (remote instanceof InetSocketAddress address && address.getAddress() != null) {
            in.setHeader(MmsHeaders.HTTP_REMOTE_ADDRESS, address.getAddress().getHostAddress());
        }
        in.setBody(body);
    }

    private static void copy(Message in, String name, String value) {
        if (value != null && value.length() <= 1024) {
            in.setHeader(name, value);
        }
    }
}

package org.mmsgw.processors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class HeaderAllowListTest {

    @Test
    void dropsEveryHeaderNotAllowedWhateverItsCase() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setHeader("Content-Type", "application/vnd.wap.mms-message");
            exchange.getMessage().setHeader("X-MSISDN", "+491701111111");
            exchange.getMessage().setHeader("CamelBeanMethodName", "evil");
            exchange.getMessage().setHeader("cAmElExecCommandExecutable", "/bin/sh");
            exchange.getMessage().setHeader("CAMELJMSDESTINATIONNAME", "x");
            exchange.getMessage().setHeader("mail.smtp.host", "evil.example");
            exchange.getMessage().setHeader("org.apache.camel.x", "y");
            exchange.getMessage().setHeader("Cc", "victim@example.com");

            new HeaderAllowList(Set.of("content-type", "x-msisdn")).process(exchange);

            assertEquals(Set.of("Content-Type", "X-MSISDN"), exchange.getMessage().getHeaders().keySet());
        }
    }
}

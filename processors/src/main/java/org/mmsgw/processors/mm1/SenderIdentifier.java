package org.mmsgw.processors.mm1;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds out which phone number posted an MM1 request: the MSISDN header that the operator's WAP
 * gateway or proxy adds, believed only from a trusted proxy address; otherwise HTTP Basic credentials
 * of an account mapped to a number.
 */
public final class SenderIdentifier {
    private final String msisdnHeader;
    private final List<Cidr> trustedProxies;
    private final Map<String, Account> accounts;

    private record Account(byte[] password, String msisdn) {
    }

    /**
     * @param msisdnHeader   e.g. {@code X-MSISDN}
     * @param trustedProxies addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}) whose MSISDN header is believed
     * @param accounts       {@code user:password:+number} entries
     */
    public SenderIdentifier(String msisdnHeader, List<String> trustedProxies, List<String> accounts) {
        this.msisdnHeader = msisdnHeader;
        this.trustedProxies = trustedProxies.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
        this.accounts = new HashMap<>();
        for (String entry : accounts) {
            if (entry.isBlank()) {
                continue;
            }
            String[] f = entry.trim().split(":", 3);
            if (f.length != 3 || Msisdn.normalise(f[2]).isEmpty()) {
                throw new IllegalArgumentException("account must be user:password:+number, was " + f[0] + ":...");
            }
            this.accounts.put(f[0], new Account(f[1].getBytes(StandardCharsets.UTF_8), Msisdn.normalise(f[2]).get()));
        }
    }

    public String msisdnHeader() {
        return msisdnHeader;
    }

    /**
     * The sender's number in international form ({@code +4917...}), or empty when it cannot be told.
     *
     * @param remoteAddress the TCP peer of the request
     * @param header        request header by name (case-insensitive), null when absent
     */
    public Optional<String> identify(InetAddress remoteAddress, Function<String, String> header) {
        String msisdn = header.apply(msisdnHeader);
        if (msisdn != null && remoteAddress != null && trusted(remoteAddress)) {
            return Msisdn.normalise(msisdn);
        }
        String authorization = header.apply("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim());
        }
        return Optional.empty();
    }

    private Optional<String> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Account account = accounts.get(decoded.substring(0, colon));
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        if (account == null || !MessageDigest.isEqual(account.password(), given)) {
            return Optional.empty();
        }
        return Optional.of(account.msisdn());
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }

    /** An address block: network address and prefix length. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String s = text.trim();
            int slash = s.indexOf('/');
            try {
                // only literal addresses: no name lookups
                if (!s.matches("[0-9A-Fa-f:.]+(/\\d{1,3})?")) {
                    throw new IllegalArgumentException("not an address or CIDR block: " + text);
                }
                byte[] net = InetAddress.getByName(slash < 0 ? s : s.substring(0, slash)).getAddress();
                int prefix = slash < 0 ? net.length * 8 : Integer.parseInt(s.substring(slash + 1));
                if (prefix > net.length * 8) {
                    throw new IllegalArgumentException("prefix too long: " + text);
                }
                return new Cidr(net, prefix);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s/%d", java.util.Arrays.toString(network), prefix);
        }
    }
}

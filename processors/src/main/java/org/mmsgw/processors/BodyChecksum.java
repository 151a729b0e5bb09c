package org.mmsgw.processors;

import java.util.zip.CRC32C;

/** The checksum a hand-off carries of its body ({@link MmsHeaders#BODY_CRC}). */
public final class BodyChecksum {
    private BodyChecksum() {
    }

    public static long of(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return crc.getValue();
    }

    /**
     * Throws when the body does not match the checksum its sender gave; a hand-off without one (sent by
     * an older gateway) passes.
     */
    public static void verify(byte[] body, Long expected, String what) {
        if (expected != null && expected != of(body)) {
            throw new IllegalStateException(what + " arrived damaged (" + body.length
                    + " octets that do not match their sender's CRC-32C); it stays on the queue to be taken again");
        }
    }
}

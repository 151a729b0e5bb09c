package org.mmsgw.processors.store;

/** The message and recipient that one SMS segment, known by its SMSC message id, belongs to. */
public record SegmentRef(String messageId, String address) {
}

/**
 * SMS user data for WAP over GSM SMS (WAP-259-WDP §6.5, 3GPP TS 23.040 §9.2.3.24): the user data
 * header and its information elements as a model ({@link org.mmsgw.codec.sms.UserData},
 * {@link org.mmsgw.codec.sms.UserDataHeader}, {@link org.mmsgw.codec.sms.InformationElement}), the
 * split of a WDP datagram into TP-User-Data octet strings ({@link org.mmsgw.codec.sms.SmsSegmenter})
 * and its reassembly ({@link org.mmsgw.codec.sms.SmsReassembler}).
 *
 * <p>Everything here works on TP-User-Data with TP-UDHI set and 8-bit data: the TPDU around it
 * (addresses, DCS, TP-UDL) belongs to the SMPP or modem layer.
 */
package org.mmsgw.codec.sms;

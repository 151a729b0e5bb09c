package org.mmsgw.codec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.MalformedPduException;
import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.json.Json;
import org.mmsgw.codec.json.JsonException;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.sms.SmsReassembler;
import org.mmsgw.codec.sms.SmsSegmenter;

/**
 * The codec's command line: {@code decode}, {@code encode}, {@code push}, {@code unpush}. Exit status
 * 0 on success, 2 on malformed input (one line {@code error: <field> at offset <n>: <what>}), 1 on
 * usage or I/O errors.
 */
public final class MmsTool {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int MALFORMED = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    MmsTool(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new MmsTool(System.in, System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            return usage();
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        try {
            switch (args[0]) {
                case "decode":
                    return decode(rest);
                case "encode":
                    return encode(rest);
                case "push":
                    return push(rest);
                case "unpush":
                    return unpush(rest);
                case "send":
                    return send(rest);
                case "help":
                case "--help":
                case "-h":
                    usage();
                    return OK;
                default:
                    err.println("error: unknown command " + args[0]);
                    return usage();
            }
        } catch (MalformedPduException e) {
            err.println("error: " + e.field() + " at offset " + e.offset() + ": " + e.what());
            return MALFORMED;
        } catch (JsonException e) {
            err.println("error: JSON: " + e.getMessage());
            return MALFORMED;
        } catch (MmsCodecException e) {
            err.println("error: " + e.getMessage());
            return MALFORMED;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException e) {
            // a bad option value: one line, as for any other error
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private int usage() {
        err.println("""
                usage: mmsgw decode [--with-data] FILE     print an MMS PDU (binary; - for stdin) as JSON
                       mmsgw encode FILE.json             write the binary PDU for that JSON to stdout
                       mmsgw push [--ref N] [--16bit] [--initiator URI] FILE
                                                           wrap an MMS PDU in a WAP Push and print the
                                                           SMS user-data segments as hex, one a line
                       mmsgw unpush HEX...                 reassemble SMS user-data segments, decode the push
                       mmsgw send --from +N --to +N|MAIL [--to ...] [--subject S] [--text T] [--file F ...]
                                  [--delivery-report] [--url URL]  post an m-send-req as a phone, print the m-send-conf""");
        return FAILED;
    }

    private int decode(List<String> args) throws IOException {
        boolean withData = args.remove("--with-data");
        byte[] pdu = read(single(args, "decode FILE"));
        MmsPdu decoded = new MmsDecoder(CodecLimits.DEFAULTS).decode(pdu);
        out.println(Json.writePretty(PduJson.toJson(decoded, withData)));
        return OK;
    }

    private int encode(List<String> args) throws IOException {
        String json = new String(read(single(args, "encode FILE.json")), StandardCharsets.UTF_8);
        byte[] pdu;
        try {
            pdu = new MmsEncoder().encode(PduJson.fromJson(Json.parse(json)));
        } catch (IllegalArgumentException e) {
            throw new MmsCodecException("cannot encode: " + e.getMessage());
        }
        out.write(pdu);
        out.flush();
        return OK;
    }

    private int push(List<String> args) throws IOException {
        boolean sixteenBit = args.remove("--16bit");
        int ref = -1;
        String refText = option(args, "--ref");
        if (refText != null) {
            int max = sixteenBit ? 65535 : 255;
            try {
                ref = Integer.parseInt(refText);
            } catch (NumberFormatException e) {
                ref = -1;
            }
            if (ref < 0 || ref > max) {
                throw new IllegalArgumentException("--ref must be a number from 0 to " + max + ", was " + refText);
            }
        }
        String initiator = option(args, "--initiator");
        byte[] pdu = read(single(args, "push FILE"));
        MessageType type = new MmsDecoder().decode(pdu).messageType();
        if (type != MessageType.NOTIFICATION_IND && type != MessageType.DELIVERY_IND
                && type != MessageType.READ_ORIG_IND) {
            throw new MmsCodecException("push carries m-notification-ind, m-delivery-ind or m-read-orig-ind, not "
                    + type.specName());
        }
        SecureRandom random = new SecureRandom();
        int reference = ref >= 0 ? ref : random.nextInt(sixteenBit ? 65536 : 256);
        byte[] wsp = new WapPushCodec().encode(WapPush.forMms(random.nextInt(256), pdu, initiator));
        for (byte[] segment : SmsSegmenter.split(wsp, reference, sixteenBit, 2948, 9200)) {
            out.println(HexFormat.of().formatHex(segment));
        }
        return OK;
    }

    /** Removes {@code name VALUE} from the arguments and returns the value; null when absent. */
    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.remove(at + 1);
        args.remove(at);
        return value;
    }

    private int unpush(List<String> args) {
        if (args.isEmpty()) {
            throw new MmsCodecException("unpush needs one or more hex segments");
        }
        List<byte[]> segments = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            try {
                segments.add(HexFormat.of().parseHex(args.get(i).replaceAll("\\s", "")));
            } catch (IllegalArgumentException e) {
                throw new MmsCodecException("segment " + (i + 1) + " is not hex: " + e.getMessage());
            }
        }
        byte[] wsp = SmsReassembler.reassemble(segments);
        WapPush push = new WapPushCodec().decode(wsp);
        Object mms = push.isMms() ? PduJson.toJson(new MmsDecoder().decode(push.body().toByteArray()), false) : null;
        out.println(Json.writePretty(PushJson.toJson(push, mms)));
        return OK;
    }

    private int send(List<String> args) throws IOException {
        SendCommand command = SendCommand.parse(args);
        MmsPdu conf = command.post(command.compose());
        out.println(Json.writePretty(PduJson.toJson(conf, false)));
        return conf.token(org.mmsgw.codec.mms.MmsField.RESPONSE_STATUS).orElse(-1) == 0 ? OK : FAILED;
    }

    private static String single(List<String> args, String usage) throws IOException {
        if (args.size() != 1) {
            throw new IOException("usage: mmsgw " + usage);
        }
        return args.get(0);
    }

    private byte[] read(String file) throws IOException {
        if (file.equals("-")) {
            return in.readAllBytes();
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IOException("cannot read " + file + ": no such file");
        }
        if (Files.size(path) > CodecLimits.DEFAULTS.maxPduSize()) {
            throw new IOException("cannot read " + file + ": larger than " + CodecLimits.DEFAULTS.maxPduSize() + " octets");
        }
        return Files.readAllBytes(path);
    }
}

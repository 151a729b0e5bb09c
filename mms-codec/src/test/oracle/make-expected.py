#!/usr/bin/env python3
"""Regenerate the golden "expected" files (what Wireshark/tshark reports) for every test vector.

usage: make-expected.py --oracle MMS_ORACLE_SH VECTORS_DIR OUT_DIR

For each vector (or segment group) it runs `mms-oracle.sh -f pdml MODE FILE...`, parses the PDML
and writes OUT_DIR/<subdir>/<name>.expected.json. See ../resources/golden/README.md for the format.
Only the Python standard library is used.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# ---------------------------------------------------------------------------------------------
# Vector discovery


def discover(vectors):
    """Return a sorted list of jobs: (out_relpath, mode, [input relpaths], extra_args)."""
    jobs, errors = [], []
    seg_groups = {}  # (subdir, base, kind) -> {index: relpath}
    for root, dirs, files in os.walk(vectors):
        dirs.sort()
        sub = os.path.relpath(root, vectors)
        if sub == '.':
            continue  # README.md at the top level
        for fn in sorted(files):
            rel = os.path.join(sub, fn)
            m_sms = re.fullmatch(r'(.+)-seg(\d+)\.sca-tpdu\.hex', fn)
            m_ud = re.fullmatch(r'(.+)\.ud(\d+)', fn)
            if fn.endswith('.py') or fn.endswith('.md'):
                continue
            elif m_sms:
                seg_groups.setdefault((sub, m_sms.group(1), 'sms'), {})[int(m_sms.group(2))] = rel
            elif m_ud:
                seg_groups.setdefault((sub, m_ud.group(1), 'ud'), {})[int(m_ud.group(2))] = rel
            elif fn.endswith('.wsp') or re.fullmatch(r'push\d*\.bin', fn):
                jobs.append((rel + '.expected.json', 'wsp', [rel], []))
            elif fn.endswith('.mms') or fn.endswith('.bin'):
                jobs.append((rel + '.expected.json', 'mms', [rel], []))
            else:
                errors.append('do not know how to decode vector %s' % rel)
    for (sub, base, kind), segs in seg_groups.items():
        idx = sorted(segs)
        if idx != list(range(1, len(idx) + 1)):
            errors.append('segment group %s/%s has segments %s' % (sub, base, idx))
            continue
        inputs = [segs[i] for i in idx]
        if kind == 'sms':
            jobs.append((os.path.join(sub, base + '.expected.json'), 'sms', inputs, ['--sca']))
        else:
            jobs.append((os.path.join(sub, base + '.ud.expected.json'), 'ud', inputs, []))
    return sorted(jobs), errors


# ---------------------------------------------------------------------------------------------
# PDML helpers


def ival(e, attr):
    return int(e.get(attr))


def children(e, name):
    return [c for c in e if c.tag == 'field' and c.get('name') == name]


def first_child(e, name):
    c = children(e, name)
    return c[0] if c else None


def walk(e, name, stop=()):
    """Descendant fields called `name`, not descending into fields whose name is in `stop`."""
    out = []
    for c in e:
        if c.tag == 'field' and c.get('name') == name:
            out.append(c)
        if not (c.tag == 'field' and c.get('name') in stop):
            out.extend(walk(c, name, stop))
    return out


def find_proto(pkt, name):
    for p in pkt.iter('proto'):
        if p.get('name') == name:
            return p
    return None


def show(e):
    return e.get('show')


def media_type(s):
    # tshark's `show` of wsp.header.content_type already omits the parameters; strip defensively.
    return s.split(';', 1)[0].strip()


def hexnum(s):
    return int(s, 16) if s.lower().startswith('0x') else int(s)


MSG_TYPE_RE = re.compile(r'X-Mms-Message-Type: (\S+) \((0x[0-9a-fA-F]+)\)$')


# ---------------------------------------------------------------------------------------------
# Extraction


def extract_push(wsp, pkt, mode, warn):
    push = {}
    tid = first_child(wsp, 'wsp.TID')
    if tid is not None:
        push['tid'] = hexnum(show(tid))
    pdu = first_child(wsp, 'wsp.pdu_type')
    if pdu is not None:
        push['pduType'] = hexnum(show(pdu))
    ct = first_child(wsp, 'wsp.header.content_type')
    if ct is not None:
        push['contentType'] = media_type(show(ct))
    hdrs = first_child(wsp, 'wsp.headers')
    if hdrs is not None:
        appid = walk(hdrs, 'wsp.header.x_wap_application_id')
        if appid:
            push['applicationId'] = show(appid[0])
    if mode in ('sms', 'ud'):
        sms = find_proto(pkt, 'gsm_sms')
        cnt = walk(sms, 'gsm_sms.fragment.count') if sms is not None else []
        if cnt:
            push['segments'] = int(show(cnt[0]))
        else:
            warn('no gsm_sms.fragment.count (not reassembled?)')
    return push


def extract_part(mp, warn):
    part = {}
    ct = first_child(mp, 'wsp.header.content_type')
    hdrs = first_child(mp, 'wsp.headers')
    if ct is not None:
        part['contentType'] = media_type(show(ct))
    # Part data length: the part item spans HeadersLen+DataLen+uintvars and the data sits at its end,
    # right after the content-type + headers items (packet-wsp.c add_multipart_data). The data
    # sub-dissector's <proto> child covers exactly that sub-tvb; both must agree.
    part_end = ival(mp, 'pos') + ival(mp, 'size')
    hdr_items = [x for x in (ct, hdrs) if x is not None]
    data_protos = [c for c in mp if c.tag == 'proto']
    layout_size = None
    if hdr_items:
        layout_size = part_end - max(ival(x, 'pos') + ival(x, 'size') for x in hdr_items)
    proto_size = ival(data_protos[0], 'size') if data_protos else None
    if proto_size is not None and layout_size is not None and proto_size != layout_size:
        warn('part %s: data proto %s size %d != part end - headers end %d'
             % (mp.get('show'), data_protos[0].get('name'), proto_size, layout_size))
    size = proto_size if proto_size is not None else layout_size
    if size is not None:
        part['size'] = size
    if hdrs is not None:
        for key, fname in (('contentId', 'wsp.header.content_id'),
                           ('contentLocation', 'wsp.header.content_location')):
            f = walk(hdrs, fname)
            if f:
                part[key] = show(f[0])
                if len(f) > 1:
                    warn('part %s: %d x %s, kept the first' % (mp.get('show'), len(f), fname))
    if ct is not None:
        for key, fname in (('name', 'wsp.parameter.name'), ('charset', 'wsp.parameter.charset')):
            f = walk(ct, fname)
            if f:
                part[key] = show(f[0])
    if walk(mp, 'wsp.multipart'):
        warn('part %s contains a nested multipart (not recorded)' % mp.get('show'))
    return part


def extract_mms(mmse, warn):
    mms = {}
    mt = first_child(mmse, 'mmse.message_type')
    if mt is not None:
        m = MSG_TYPE_RE.search(mt.get('showname', ''))
        mms['messageType'] = m.group(1) if m else show(mt)
        if not m:
            warn('unrecognised message type %r' % mt.get('showname'))
    strings = (('transactionId', 'mmse.transaction_id'), ('mmsVersion', 'mmse.mms_version'),
               ('messageId', 'mmse.message_id'), ('from', 'mmse.from'))
    for key, fname in strings:
        f = first_child(mmse, fname)
        if f is not None:
            mms[key] = show(f)
    for key, fname in (('to', 'mmse.to'), ('cc', 'mmse.cc'), ('bcc', 'mmse.bcc')):
        f = children(mmse, fname)
        if f:
            mms[key] = [show(x) for x in f]
    for key, fname in (('subject', 'mmse.subject'), ('contentLocation', 'mmse.content_location')):
        f = first_child(mmse, fname)
        if f is not None:
            mms[key] = show(f)
    f = first_child(mmse, 'mmse.message_size')
    if f is not None:
        mms['messageSize'] = int(show(f))
    for key, fname in (('responseStatus', 'mmse.response_status'), ('status', 'mmse.status'),
                       ('readStatus', 'mmse.read_status')):
        f = first_child(mmse, fname)
        if f is not None:
            mms[key] = hexnum(show(f))
    ct = first_child(mmse, 'wsp.header.content_type')
    if ct is not None:
        mms['contentType'] = media_type(show(ct))
    parts = walk(mmse, 'wsp.multipart', stop=('wsp.multipart',))
    if parts:
        mms['parts'] = [extract_part(mp, warn) for mp in parts]
    return mms


def run_job(oracle, vectors, mode, inputs, extra):
    cmd = ['bash', oracle, '-f', 'pdml', mode] + extra + [os.path.join(vectors, i) for i in inputs]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.returncode, r.stdout, r.stderr.decode('utf-8', 'replace')


def build(job, oracle, vectors, version, warn):
    out_rel, mode, inputs, extra = job
    rc, pdml, err = run_job(oracle, vectors, mode, inputs, extra)
    if rc not in (0, 3, 4):
        raise RuntimeError('%s: oracle failed (exit %d): %s' % (inputs[0], rc, err.strip()))
    root = ET.fromstring(pdml)
    packets = root.findall('packet')
    malformed = rc == 4 or any(f.get('name') == '_ws.malformed'
                               for p in packets for f in p.iter('field'))
    res = {'source': inputs[0].replace(os.sep, '/'), 'mode': mode, 'oracle': version,
           'malformed': malformed}
    mms_pkts = [p for p in packets if find_proto(p, 'mmse') is not None]
    wsp_pkts = [p for p in packets if find_proto(p, 'wsp') is not None]
    if len(mms_pkts) > 1 or len(wsp_pkts) > 1:
        warn('%d MMSE / %d WSP packets, using the first' % (len(mms_pkts), len(wsp_pkts)))
    if mode != 'mms':
        if wsp_pkts:
            res['push'] = extract_push(find_proto(wsp_pkts[0], 'wsp'), wsp_pkts[0], mode, warn)
        else:
            warn('no WSP layer decoded')
    if mms_pkts:
        res['mms'] = extract_mms(find_proto(mms_pkts[0], 'mmse'), warn)
    elif mode == 'mms':
        warn('no MMSE layer decoded')
    if rc != 0:
        warn('oracle exit status %d (%s)' % (rc, err.strip().splitlines()[-1] if err.strip() else ''))
    return out_rel, res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--oracle', required=True, help='path of mms-oracle.sh')
    ap.add_argument('--oracle-version', required=True, help='e.g. "tshark 4.0.17"')
    ap.add_argument('vectors')
    ap.add_argument('out')
    a = ap.parse_args()
    jobs, errors = discover(a.vectors)
    for e in errors:
        print('ERROR: ' + e, file=sys.stderr)
    if errors:
        sys.exit(2)
    for job in jobs:
        name = job[2][0]

        def warn(msg, name=name):
            print('WARNING %s: %s' % (name, msg), file=sys.stderr)

        out_rel, res = build(job, a.oracle, a.vectors, a.oracle_version, warn)
        path = os.path.join(a.out, out_rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8', newline='\n') as fh:
            json.dump(res, fh, indent=2, ensure_ascii=False)
            fh.write('\n')
        print('%-5s %s -> %s' % (job[1], ' + '.join(job[2]), out_rel))
    print('%d expected files written to %s' % (len(jobs), a.out))


if __name__ == '__main__':
    main()

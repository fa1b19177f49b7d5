#!/usr/bin/env python3
"""Writes a realistic mail log for benchmarking `smtpcodes scan`: a seeded mix of Postfix (70%),
Exim (20%) and sendmail (10%) lines -- connections, queue manager lines, deliveries, deferrals and
bounces with the replies big receivers really send. Usage: genlog.py LINES > mail.log"""
import random
import sys

random.seed(42)
lines = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
out = sys.stdout

domains = [("gmail.com", "gmail-smtp-in.l.google.com"), ("outlook.com", "outlook-com.olc.protection.outlook.com"),
           ("yahoo.com", "mta5.am0.yahoodns.net"), ("icloud.com", "mx01.mail.icloud.com"),
           ("example.org", "mx.example.org"), ("gmx.net", "mx00.emig.gmx.net"), ("corp.example", "mx1.corp.example.pphosted.com")]
replies = [
    (60, "250 2.0.0 OK  1715297685 e22si123456qkb.222 - gsmtp", "2.0.0", "sent"),
    (8, "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser e22si - gsmtp", "5.1.1", "bounced"),
    (5, "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "4.7.0", "deferred"),
    (4, "451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (AS761) [DB5EUR03FT011.eop-EUR03.prod.protection.outlook.com]", "4.7.500", "deferred"),
    (3, "550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/ (AS16012609)", "5.7.606", "bounced"),
    (3, "452 4.2.2 The email account that you tried to reach is over quota. https://support.google.com/mail/?p=OverQuotaTemp - gsmtp", "4.2.2", "deferred"),
    (3, "450 4.2.0 <u@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html", "4.2.0", "deferred"),
    (2, "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1", "5.7.1", "bounced"),
    (2, "552 5.2.2 <u@icloud.com>: user is over quota", "5.2.2", "bounced"),
    (2, "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy - gsmtp", "5.7.26", "bounced"),
]
weights = [r[0] for r in replies]

def ts(i):
    s = i % 86400
    return "May  9 %02d:%02d:%02d" % (s // 3600, (s // 60) % 60, s % 60)

def qid():
    return "".join(random.choice("0123456789ABCDEFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz") for _ in range(14))

i = 0
while i < lines:
    kind = random.random()
    user = "user%d" % random.randint(1, 99999)
    dom, mx = random.choice(domains)
    weight, reply, dsn, status = random.choices(replies, weights)[0]
    ip = "192.0.2.%d" % random.randint(1, 254)
    pid = random.randint(1000, 65000)
    if kind < 0.7:
        q = qid()
        out.write("%s mail postfix/smtpd[%d]: connect from unknown[203.0.113.%d]\n" % (ts(i), pid, random.randint(1, 254)))
        out.write("%s mail postfix/cleanup[%d]: %s: message-id=<%s@example.com>\n" % (ts(i), pid + 1, q, qid()))
        out.write("%s mail postfix/qmgr[%d]: %s: from=<sender@example.com>, size=%d, nrcpt=1 (queue active)\n" % (ts(i), pid + 2, q, random.randint(500, 90000)))
        if status == "sent":
            text = "status=sent (%s)" % reply
        else:
            text = "status=%s (host %s[%s] said: %s (in reply to RCPT TO command))" % (status, mx, ip, reply)
        out.write("%s mail postfix/smtp[%d]: %s: to=<%s@%s>, relay=%s[%s]:25, delay=%.1f, delays=0.01/0.01/0.2/0.3, dsn=%s, %s\n"
                  % (ts(i), pid + 3, q, user, dom, mx, ip, random.random() * 9, dsn, text))
        out.write("%s mail postfix/qmgr[%d]: %s: removed\n" % (ts(i), pid + 2, q))
        i += 5
    elif kind < 0.9:
        eid = "1r%s-%s-%s" % (qid()[:4], qid()[:6], qid()[:2])
        stamp = "2024-05-09 %02d:%02d:%02d" % ((i // 3600) % 24, (i // 60) % 60, i % 60)
        out.write("%s %s <= sender@example.com H=app.example.com [198.51.100.7] P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=%d id=%s@example.com\n" % (stamp, eid, random.randint(500, 90000), qid()))
        if status == "sent":
            out.write('%s %s => %s@%s R=dnslookup T=remote_smtp H=%s [%s] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C="%s"\n' % (stamp, eid, user, dom, mx, ip, reply))
        elif status == "deferred":
            out.write("%s %s == %s@%s R=dnslookup T=remote_smtp defer (-44) H=%s [%s]: SMTP error from remote mail server after RCPT TO:<%s@%s>: %s\n" % (stamp, eid, user, dom, mx, ip, user, dom, reply))
        else:
            out.write("%s %s ** %s@%s R=dnslookup T=remote_smtp H=%s [%s]: SMTP error from remote mail server after RCPT TO:<%s@%s>: %s\n" % (stamp, eid, user, dom, mx, ip, user, dom, reply))
        out.write("%s %s Completed\n" % (stamp, eid))
        i += 3
    else:
        sid = "x%s" % qid()[:13]
        out.write("%s mail sm-mta[%d]: %s: from=<sender@example.com>, size=%d, class=0, nrcpts=1, msgid=<%s@example.com>, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]\n" % (ts(i), pid, sid, random.randint(500, 90000), qid()))
        stat = "Sent (%s)" % reply if status == "sent" else ("Deferred: %s" % reply if status == "deferred" else reply)
        out.write("%s mail sm-mta[%d]: %s: to=<%s@%s>, delay=00:00:%02d, xdelay=00:00:01, mailer=esmtp, pri=%d, relay=%s. [%s], dsn=%s, stat=%s\n"
                  % (ts(i), pid + 1, sid, user, dom, random.randint(0, 59), random.randint(30000, 200000), mx, ip, dsn, stat))
        i += 2

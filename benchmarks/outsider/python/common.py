import statistics
def strings(prefix, n=16):
    out = []
    for k in range(n):
        s = prefix + str(k) + '-'
        while len(s) < 40:
            s += chr(ord('a') + len(s) % 26)
        out.append(s)
    return out
A = strings("account/eu-west/customer-")
B = strings("instrument/XNAS/equity-")
KINDS = ("BUY", "SELL", "HOLD")
def rec(i):
    k = i & 15
    return (i, i, 1.5 * k, A[k], B[k], KINDS[k % 3])
def stats(xs):
    s = sorted(xs)
    return "n=%d mean=%.1fus median=%.1fus p99=%.1fus max=%.1fus" % (
        len(s), sum(s) / len(s) / 1e3, s[len(s) // 2] / 1e3, s[int(len(s) * 0.99)] / 1e3, s[-1] / 1e3)

# pickle round trip of a MediaContent-like value (nested tuples/lists), per call; protocol 5.
import pickle, time
media = ("http://javaone.com/keynote.mpg", "Javaone Keynote", 640, 480, "video/mpg4", 18000000, 58982400,
         262144, True, ["Bill Gates", "Steve Jobs"], "JAVA", None)
images = [("http://javaone.com/keynote_large.jpg", "Javaone Keynote", 1024, 768, "LARGE"),
          ("http://javaone.com/keynote_small.jpg", "Javaone Keynote", 320, 240, "SMALL")]
value = (media, images)
n = 200000
for r in range(3):
    t = time.perf_counter_ns()
    for _ in range(n):
        pickle.loads(pickle.dumps(value, 5))
    print("py pickle round trip %.0f ns (%d bytes)" % ((time.perf_counter_ns() - t) / n, len(pickle.dumps(value, 5))))

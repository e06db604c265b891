package dev.earshot.gong.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of every request by endpoint, credential and status, plus what benchmarks and tests need
 * to prove efficiency and privacy: call ids named in transcript requests, and how many of those
 * were private calls.
 */
public final class Counters {

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void increment(String key) {
    add(key, 1);
  }

  void add(String key, long n) {
    counts.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n);
  }

  void request(String endpoint, String credential, int status) {
    increment("requests");
    increment("endpoint." + endpoint);
    increment("credential." + credential);
    increment("status." + status);
    if (status == 429) {
      increment("rate_limited");
    }
  }

  public long get(String key) {
    AtomicLong value = counts.get(key);
    return value == null ? 0 : value.get();
  }

  /** API requests (admin and OAuth pages excluded). */
  public long requests() {
    return get("requests");
  }

  public long endpoint(String endpoint) {
    return get("endpoint." + endpoint);
  }

  /** Webhook deliveries a receiver answered with 2xx (each delivery once, after its retries). */
  public long webhooksDelivered() {
    return get("webhook.delivered");
  }

  public long rateLimited() {
    return get("rate_limited");
  }

  public long privateCallIdsInTranscriptRequests() {
    return get("transcript.private_call_ids");
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    new TreeMap<>(counts).forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public void reset() {
    counts.clear();
  }
}

package dev.earshot.assistant.question;

/**
 * A question about a customer.
 *
 * @param customer the customer's name as the asker writes it (matched case-insensitively)
 * @param question what the asker wants to know
 * @param maxCalls how many of the customer's most recent calls to read, 1 to {@link #MOST_CALLS}
 */
public record Question(String customer, String question, int maxCalls) {

  /** Calls read when the asker does not say. */
  public static final int DEFAULT_CALLS = 5;

  public static final int MOST_CALLS = 20;

  /** A question asked wrongly; the message says what to fix. */
  public static final class Invalid extends RuntimeException {
    public Invalid(String message) {
      super(message);
    }
  }

  /**
   * @throws Invalid for a blank or over-long customer (200 characters) or question (1,000), or
   *     {@code maxCalls} out of range
   */
  public static Question of(String customer, String question, Integer maxCalls) {
    if (customer == null || customer.isBlank() || customer.strip().length() > 200) {
      throw new Invalid("customer must be a name of 1 to 200 characters");
    }
    if (question == null || question.isBlank() || question.strip().length() > 1000) {
      throw new Invalid("question must be 1 to 1,000 characters");
    }
    int calls = maxCalls == null ? DEFAULT_CALLS : maxCalls;
    if (calls < 1 || calls > MOST_CALLS) {
      throw new Invalid("maxCalls must be between 1 and " + MOST_CALLS + ", was " + calls);
    }
    return new Question(customer.strip(), question.strip(), calls);
  }
}

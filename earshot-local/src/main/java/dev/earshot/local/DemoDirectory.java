package dev.earshot.local;

import dev.earshot.events.Company;
import dev.earshot.events.CrmSourceId;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.gong.simulator.GongSimulator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo org's company directory: the simulator corpus's accounts (name, domain, CRM account id
 * as a Salesforce id; the company id is the domain without {@code .example}) published on
 * crm.companies.v1 as a CRM sync would, before any service starts, so extraction-service reads them
 * at its start and no call is mapped against an empty directory. A corpus of your own calls ({@code
 * --corpus DIR}) comes with no account list: nothing is published and calls map to no company (load
 * a directory with {@code PUT /api/v1/companies}).
 */
final class DemoDirectory implements LocalComponent {

  /** The context key of how many companies were published. */
  static final String COMPANIES = "company_directory.companies";

  private final Map<String, Object> facts = new LinkedHashMap<>();

  @Override
  public String name() {
    return "company_directory";
  }

  @Override
  public void start(LocalContext context) throws Exception {
    GongSimulator gong = context.shared(GongSimulator.class);
    facts.put("topic", Topics.COMPANIES);
    if (gong.servesDirectory()) {
      context.put(COMPANIES, "0");
      facts.put("companies", 0);
      facts.put("note", "--corpus calls come with no account list");
      return;
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            context.kafkaBootstrap(),
            ProducerConfig.ACKS_CONFIG,
            "all");
    int published = 0;
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(config, new StringSerializer(), new AvroEventSerializer())) {
      for (var c : gong.corpus().companies()) {
        String id = c.domain().replace(".example", "").toLowerCase(Locale.ROOT);
        Company company =
            Company.newBuilder()
                .setCompanyId(id)
                .setOrgId(IngestLocal.DEMO_ORG)
                .setName(c.name())
                .setCrmIds(
                    List.of(
                        CrmSourceId.newBuilder()
                            .setSystem("salesforce")
                            .setId(c.accountId())
                            .build()))
                .setDomains(List.of(c.domain()))
                .setUpdatedAt(now)
                .build();
        producer
            .send(
                new ProducerRecord<>(
                    Topics.COMPANIES, Topics.companyKey(IngestLocal.DEMO_ORG, id), company))
            .get();
        published++;
      }
    }
    context.put(COMPANIES, Integer.toString(published));
    facts.put("companies", published);
  }

  @Override
  public Map<String, Object> facts() {
    return facts;
  }

  @Override
  public void close() {}
}

package dev.earshot.assistant;

import dev.earshot.assistant.ingest.ClientCredentialsTokens;
import dev.earshot.assistant.ingest.ServiceTokens;
import dev.earshot.assistant.question.AnswerWriter;
import dev.earshot.assistant.question.ExtractiveOnly;
import dev.earshot.assistant.question.LanguageModelAnswers;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.provider.LanguageModelChat;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * The models assistant-service uses: the offline all-MiniLM-L6-v2 to rank passages, and who writes
 * answers ({@code earshot.assistant.answers.provider}: none, openai or anthropic); and where its
 * service tokens for ingest-service's internal API come from.
 */
@Configuration(proxyBeanMethods = false)
class AssistantConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AssistantConfiguration.class);

  /**
   * Service tokens for ingest-service: the identity provider's client-credentials grant when {@code
   * earshot.assistant.ingest.token-uri} is set; else the local issuer, when on; else none (the
   * calls API then answers from the read model only).
   */
  @Bean
  ServiceTokens serviceTokens(
      AssistantProperties properties, ObjectProvider<LocalTokenIssuer> localIssuer) {
    AssistantProperties.Ingest ingest = properties.ingest();
    if (ingest.tokenUri() != null) {
      return new ClientCredentialsTokens(clientCredentials(ingest), ingest.clientId());
    }
    LocalTokenIssuer issuer = localIssuer.getIfAvailable();
    if (issuer != null) {
      return () ->
          issuer.issueForService(ingest.clientId(), ingest.audience(), Duration.ofMinutes(5));
    }
    if (ingest.fallback()) {
      log.atWarn()
          .log(
              "earshot.assistant.ingest.token-uri is not set and the local issuer is off: calls"
                  + " not in the read model are not asked of ingest-service");
    }
    return ServiceTokens.NONE;
  }

  /** Spring Security's client-credentials client: the token endpoint asked with a timeout. */
  static OAuth2AuthorizedClientManager clientCredentials(AssistantProperties.Ingest ingest) {
    ClientRegistration.Builder registration =
        ClientRegistration.withRegistrationId(ClientCredentialsTokens.REGISTRATION)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientId(ingest.clientId())
            .clientSecret(ingest.clientSecret())
            .tokenUri(ingest.tokenUri().toString());
    if (ingest.scope() != null && !ingest.scope().isBlank()) {
      registration.scope(ingest.scope().strip().split("\\s+"));
    }
    InMemoryClientRegistrationRepository registrations =
        new InMemoryClientRegistrationRepository(registration.build());
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(ingest.timeout());
    requests.setReadTimeout(ingest.timeout());
    RestClient tokenEndpoint =
        RestClient.builder()
            .requestFactory(requests)
            .messageConverters(
                java.util.List.<HttpMessageConverter<?>>of(
                    new FormHttpMessageConverter(),
                    new OAuth2AccessTokenResponseHttpMessageConverter()))
            .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
            .build();
    RestClientClientCredentialsTokenResponseClient tokens =
        new RestClientClientCredentialsTokenResponseClient();
    tokens.setRestClient(tokenEndpoint);
    AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceOAuth2AuthorizedClientManager(
            registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
    manager.setAuthorizedClientProvider(
        OAuth2AuthorizedClientProviderBuilder.builder()
            .clientCredentials(grant -> grant.accessTokenResponseClient(tokens))
            .build());
    return manager;
  }

  @Bean
  EmbeddingModel embeddingModel() {
    return new MiniLmEmbeddingModel();
  }

  /**
   * @throws IllegalArgumentException at start for an unknown provider, or a language model without
   *     a base URL, path or model name
   */
  @Bean
  AnswerWriter answerWriter(
      AssistantProperties properties, EmbeddingModel embeddings, MeterRegistry meters) {
    AssistantProperties.Answers answers = properties.answers();
    LanguageModelChat.Dialect dialect =
        switch (answers.provider()) {
          case "none" -> null;
          case "openai" -> LanguageModelChat.Dialect.OPENAI;
          case "anthropic" -> LanguageModelChat.Dialect.ANTHROPIC;
          default ->
              throw new IllegalArgumentException(
                  "earshot.assistant.answers.provider must be none, openai or anthropic, not "
                      + answers.provider());
        };
    if (dialect == null) {
      return new ExtractiveOnly(embeddings.name());
    }
    return new LanguageModelAnswers(
        new LanguageModelChat(
            dialect,
            answers.settings("earshot.assistant.answers", "model"),
            HttpClient.newHttpClient(),
            LanguageModelAnswers.ANSWER),
        answers.inputPricePerMillion(),
        answers.outputPricePerMillion(),
        meters);
  }
}

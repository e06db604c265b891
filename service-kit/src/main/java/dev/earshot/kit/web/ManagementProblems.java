package dev.earshot.kit.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The actuator's own port ({@code management.server.port}, every service's but in the {@code local}
 * profile), whose server and error handling are a child context of their own, answers errors as RFC
 * 9457 problems too, as {@link ProblemErrors} makes the API port do: without this a 404 or 405
 * there was Boot's {@code {timestamp,status,error,path}} and a request Tomcat refused an HTML page.
 *
 * <ul>
 *   <li>an error dispatch (a {@code sendError} from Spring MVC or the firewall, forwarded to {@code
 *       /error}) is written as a problem by a filter, before Boot's management error endpoint;
 *   <li>Tomcat's error report for a request it refused itself is {@link
 *       ProblemErrors.ProblemReportValve}.
 * </ul>
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ManagementProblems {

  private static final JsonMapper json = JsonMapper.builder().build();

  @Bean
  @ConditionalOnClass(TomcatServletWebServerFactory.class)
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> earshotManagementProblemReportValve() {
    return ProblemErrors.problemReportValve();
  }

  @Bean
  FilterRegistrationBean<Filter> earshotManagementErrorProblems() {
    Filter errors =
        (request, response, chain) -> {
          if (request.getDispatcherType() == DispatcherType.ERROR
              && request instanceof HttpServletRequest http
              && response instanceof HttpServletResponse answer
              && !answer.isCommitted()) {
            write(http, answer);
            return;
          }
          chain.doFilter(request, response);
        };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(errors);
    registration.setDispatcherTypes(DispatcherType.ERROR);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }

  private static void write(HttpServletRequest request, HttpServletResponse response)
      throws java.io.IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value ? value : response.getStatus();
    String reference =
        ProblemErrors.reference(request, status, "unhandled error on the management port");
    ProblemDetail problem = ProblemErrors.problem(status, reference);
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), problem);
  }
}

package dev.earshot.extraction.directory;

import dev.earshot.extraction.company.CompanyDirectory;
import dev.earshot.extraction.company.CompanyMapping;
import dev.earshot.extraction.company.FreeMailDomains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory company directory, the free-mail list and the mapping policy. */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

  @Bean
  CompanyDirectory companyDirectory() {
    return new CompanyDirectory();
  }

  @Bean
  FreeMailDomains freeMailDomains() {
    return FreeMailDomains.vendored();
  }

  @Bean
  CompanyMapping companyMapping(FreeMailDomains freeMail) {
    return new CompanyMapping(freeMail);
  }
}

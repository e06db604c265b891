package dev.earshot.extraction.directory;

import dev.earshot.extraction.company.CallMapping;
import dev.earshot.extraction.company.CompanyDirectory;
import dev.earshot.extraction.company.CompanyMapping;
import dev.earshot.extraction.company.FreeMailDomains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory company directory, the free-mail list, the mapping policy and its use on calls. */
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

  @Bean
  CallMapping callMapping(
      CompanyDirectory directory, CompanyMapping mapping, DirectoryProperties settings) {
    return new CallMapping(directory, mapping, settings.loadWait());
  }
}

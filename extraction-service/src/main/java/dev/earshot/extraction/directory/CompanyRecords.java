package dev.earshot.extraction.directory;

import dev.earshot.events.Company;
import dev.earshot.events.CrmSourceId;
import dev.earshot.extraction.company.CrmRef;
import dev.earshot.extraction.company.KnownCompany;

/** Between crm.companies.v1's {@link Company} records and the directory's {@link KnownCompany}. */
final class CompanyRecords {

  private CompanyRecords() {}

  static KnownCompany known(Company record) {
    return new KnownCompany(
        record.getOrgId(),
        record.getCompanyId(),
        record.getName(),
        record.getCrmIds().stream().map(r -> new CrmRef(r.getSystem(), r.getId())).toList(),
        record.getDomains(),
        record.getUpdatedAt());
  }

  static Company record(KnownCompany company) {
    return Company.newBuilder()
        .setCompanyId(company.companyId())
        .setOrgId(company.orgId())
        .setName(company.name())
        .setCrmIds(
            company.crmIds().stream()
                .map(r -> CrmSourceId.newBuilder().setSystem(r.system()).setId(r.id()).build())
                .toList())
        .setDomains(company.domains())
        .setUpdatedAt(company.updatedAt())
        .build();
  }
}

@hop:provider
Feature: Access Record Structured: consultations, investigations, referrals, diary entries and uncategorised data
  Each dated area comes back as its List with its resources (Encounter with its consultation, topic and
  heading Lists; DiagnosticReport with its Specimen and result Observations; ReferralRequest; ProcedureRequest;
  Observation), and its search part really filters (ARS-CONSULTATIONS … ARS-UNCATEGORISED). The registered
  patient's record has consultations in 2015, 2022 and 2024, investigations in 2017 and 2023, referrals in 2014
  and 2023, a diary entry before today and one in 2099, and uncategorised data from 2013 and 2024.

  Background:
    Given the registered patient's structured record root has been resolved on PDS and SDS

  @ARS-CONSULTATIONS
  Scenario: Consultations come with their Encounters and nested Lists
    When the consumer requests the structured record with
      | area          | parts |
      | consultations |       |
    Then the provider answers 200 with a FHIR Bundle
    And the "consultations" List has 3 entries
    And every reference in the Bundle resolves to an entry of it

  @ARS-CONSULTATIONS
  Scenario: consultationSearchPeriod leaves out consultations outside it
    When the consumer requests the structured record with
      | area          | parts                                     |
      | consultations | consultationSearchPeriod=2020-01-01..today |
    Then the provider answers 200 with a FHIR Bundle
    And the "consultations" List has 2 entries
    And every entry of the "consultations" List is dated from 2020-01-01 to today

  @ARS-CONSULTATIONS
  Scenario: includeNumberOfMostRecent returns only the latest consultations
    When the consumer requests the structured record with
      | area          | parts                       |
      | consultations | includeNumberOfMostRecent=1 |
    Then the provider answers 200 with a FHIR Bundle
    And the "consultations" List has 1 entries
    And every entry of the "consultations" List is dated from 2024-01-01 to today

  @ARS-INVESTIGATIONS
  Scenario: Investigations come with their specimens and results
    When the consumer requests the structured record with
      | area           | parts |
      | investigations |       |
    Then the provider answers 200 with a FHIR Bundle
    And the "investigations" List has 2 entries
    And every reference in the Bundle resolves to an entry of it

  @ARS-INVESTIGATIONS
  Scenario: investigationSearchPeriod leaves out reports outside it
    When the consumer requests the structured record with
      | area           | parts                                      |
      | investigations | investigationSearchPeriod=2020-01-01..today |
    Then the provider answers 200 with a FHIR Bundle
    And the "investigations" List has 1 entries
    And every entry of the "investigations" List is dated from 2020-01-01 to today

  @ARS-REFERRALS
  Scenario: referralSearchPeriod leaves out referrals outside it
    When the consumer requests the structured record with
      | area      | parts                                 |
      | referrals | referralSearchPeriod=2020-01-01..today |
    Then the provider answers 200 with a FHIR Bundle
    And the "referrals" List has 1 entries
    And every entry of the "referrals" List is dated from 2020-01-01 to today

  @ARS-DIARY
  Scenario: Without a search date every diary entry is returned
    When the consumer requests the structured record with
      | area  | parts |
      | diary |       |
    Then the provider answers 200 with a FHIR Bundle
    And the "diary" List has 2 entries

  @ARS-DIARY
  Scenario: diaryEntriesSearchDate returns the entries up to that date
    When the consumer requests the structured record with
      | area  | parts                        |
      | diary | diaryEntriesSearchDate=today |
    Then the provider answers 200 with a FHIR Bundle
    And the "diary" List has 1 entries
    And every entry of the "diary" List is dated from 2000-01-01 to today

  @ARS-UNCATEGORISED
  Scenario: uncategorisedDataSearchPeriod leaves out data outside it
    When the consumer requests the structured record with
      | area          | parts                                          |
      | uncategorised | uncategorisedDataSearchPeriod=2020-01-01..today |
    Then the provider answers 200 with a FHIR Bundle
    And the "uncategorised" List has 1 entries
    And every entry of the "uncategorised" List is dated from 2020-01-01 to today

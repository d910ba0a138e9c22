@hop:provider
Feature: Access Record Structured: each clinical area and its filters
  Each requested area comes back as its List (List.code from the GP Connect 1.6.2 List page), an area not
  requested does not, an area with nothing to return has its List with an emptyReason, and every part
  parameter really filters (ARS-AREAS … ARS-IMMUNISATIONS). The registered patient's record holds an ended allergy, a
  medication ended in 2016, an inactive problem and a vaccination not given.

  Background:
    Given the registered patient's structured record root has been resolved on PDS and SDS

  @ARS-AREAS
  Scenario: Only the requested areas are answered, each by its List
    When the consumer requests the structured record with
      | area       | parts                          |
      | allergies  | includeResolvedAllergies=false |
      | medication |                                |
    Then the provider answers 200 with a FHIR Bundle
    And the Bundle answers each requested area with its List and no other

  @ARS-AREAS
  Scenario: A bare include is legal and answers its area
    When the consumer requests the structured record with
      | area     | parts |
      | problems |       |
    Then the provider answers 200 with a FHIR Bundle
    And the Bundle answers each requested area with its List and no other
    And the "problems" List has 2 entries

  @ARS-EMPTY
  Scenario: An area with nothing recorded still has its List, empty with a reason
    Given the second practice's patient's structured record root has been resolved on PDS and SDS
    When the consumer requests the structured record with
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
      | referrals |                                |
    Then the provider answers 200 with a FHIR Bundle
    And the "allergies" List is empty with a reason
    And the "referrals" List is empty with a reason

  @ARS-ALLERGIES
  Scenario: Resolved allergies come in the Ended allergies List only when asked for
    When the consumer requests the structured record with
      | area      | parts                         |
      | allergies | includeResolvedAllergies=true |
    Then the provider answers 200 with a FHIR Bundle
    And the "allergies" List has 2 entries
    And no allergy in the "allergies" List is resolved
    And every allergy in the "ended allergies" List is resolved

  @ARS-ALLERGIES
  Scenario: Without resolved allergies there is only the active List
    When the consumer requests the structured record with
      | area      | parts                          |
      | allergies | includeResolvedAllergies=false |
    Then the provider answers 200 with a FHIR Bundle
    And the Bundle has no "ended allergies" List
    And no allergy in the "allergies" List is resolved

  @ARS-MEDICATION
  Scenario: medicationSearchFromDate leaves out what ended before it
    When the consumer requests the structured record with
      | area       | parts                               |
      | medication | medicationSearchFromDate=2020-01-01 |
    Then the provider answers 200 with a FHIR Bundle
    And the "medication" List has 2 entries
    And no medication in the Bundle ended before 2020-01-01

  @ARS-MEDICATION
  Scenario: includePrescriptionIssues false returns the authorisations without their issues
    When the consumer requests the structured record with
      | area       | parts                           |
      | medication | includePrescriptionIssues=false |
    Then the provider answers 200 with a FHIR Bundle
    And the Bundle holds 0 prescription issues

  @ARS-PROBLEMS
  Scenario: filterStatus returns only problems of that status, with what they link to
    When the consumer requests the structured record with
      | area     | parts               |
      | problems | filterStatus=active |
    Then the provider answers 200 with a FHIR Bundle
    And every problem in the "problems" List is active
    And every reference in the Bundle resolves to an entry of it

  @ARS-IMMUNISATIONS
  Scenario: Vaccinations not given are left out by default
    When the consumer requests the structured record with
      | area          | parts |
      | immunisations |       |
    Then the provider answers 200 with a FHIR Bundle
    And 0 immunisations in the Bundle are marked not given

  @ARS-IMMUNISATIONS
  Scenario: includeNotGiven true returns them too
    When the consumer requests the structured record with
      | area          | parts                |
      | immunisations | includeNotGiven=true |
    Then the provider answers 200 with a FHIR Bundle
    And 1 immunisation in the Bundle are marked not given

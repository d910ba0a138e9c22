@needs-registrations @hop:provider
Feature: 20. Register a patient: the payload and the registration made
  The 'Register a patient' page (Foundations) gives the consumer rules for the registerPatient Patient (the NHS
  number and birth date at least, no registrationDetails, no telecom or address of use old, a single NHS number),
  and binds it to CareConnect-GPC-Patient-1. A provider refuses a Patient breaking either with 422 INVALID_RESOURCE
  before it traces anyone on PDS (what it accepts is a temporary registration: feature 10).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  @AM-FND-REG-PAYLOAD
  Scenario Outline: A registerPatient Patient with <defect> answers 422 INVALID_RESOURCE
    When the consumer registers the unregistered patient at the practice with <defect>
    Then the provider's answer is 422 INVALID_RESOURCE

    Examples:
      | defect                          |
      | no birth date                   |
      | a registrationDetails extension |
      | a telecom with use old          |
      | an address with use old         |
      | two NHS numbers                 |

  @AM-FND-REG-PROFILE
  Scenario Outline: A registerPatient Patient off CareConnect-GPC-Patient-1 with <defect> answers 422 INVALID_RESOURCE
    When the consumer registers the unregistered patient at the practice with <defect>
    Then the provider's answer is 422 INVALID_RESOURCE

    Examples:
      | defect                                         |
      | an element that is not a Patient element       |
      | an animal element the profile forbids          |
      | a communication element the profile forbids    |
      | a gender outside the value set                 |
      | a birth date that is not a FHIR date           |
      | a name that is not official                    |
      | an official name without a family name         |
      | a telecom without its value                    |
      | an nhsCommunication without its language       |
      | an NHS number without its verification status  |

@needs-registrations @hop:provider
Feature: 10+. Register a patient
  Register patient (AM-FND-REGISTER, AM-FND-REG-*): the consumer registers a person with the demographics PDS gave it; the
  provider traces the number on PDS itself. A person PDS knows and the practice does not is registered and
  found from then on, as a temporary registration ('Register a patient': registrationDetails.registrationType T);
  the consumer sends the telecom and address the page says it SHOULD. A patient the practice has is a duplicate; a bad NHS number, or a person PDS has not,
  has as deceased or restricted, or has with other demographics, is refused.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  @AM-FND-REGISTER @AM-FND-REG-TEMPORARY
  Scenario: A person PDS knows and the practice does not is registered as a temporary patient, then found
    Given the unregistered patient is not yet a patient of the practice
    When the consumer registers the unregistered patient at the practice with the telecom and address it should send
    Then the provider answers with the registered Patient
    And the registered Patient is a temporary registration
    When the consumer searches the provider for the unregistered patient
    Then the searchset holds the patient

  @AM-FND-REG-DUPLICATE
  Scenario: Registering a patient the practice already has answers 409 DUPLICATE_REJECTED
    When the consumer registers the registered patient at the practice
    Then the provider's answer is 409 DUPLICATE_REJECTED

  @AM-FND-REG-NHS
  Scenario: Registering an NHS number failing its check digit answers 400 INVALID_NHS_NUMBER
    When the consumer registers the invalid check digit patient at the practice
    Then the provider's answer is 400 INVALID_NHS_NUMBER

  @AM-FND-REG-PDS
  Scenario Outline: Registering the <role> patient answers 400 INVALID_PATIENT_DEMOGRAPHICS
    When the consumer registers the <role> patient at the practice
    Then the provider's answer is 400 INVALID_PATIENT_DEMOGRAPHICS

    Examples:
      | role       |
      | unknown    |
      | deceased   |
      | restricted |

  @AM-FND-REG-PDS
  Scenario: Registering with a birth date PDS does not have answers 400 INVALID_PATIENT_DEMOGRAPHICS
    When the consumer registers the unregistered patient at the practice with a birth date PDS does not have
    Then the provider's answer is 400 INVALID_PATIENT_DEMOGRAPHICS

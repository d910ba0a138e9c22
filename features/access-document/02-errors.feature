@hop:provider
Feature: Access Document: the refusals of the search and retrieve pages
  A search without the mandatory includes, with an author that is no ODS code or for a patient the practice
  does not know, and a Binary the practice cannot hand out, are refused with the status and Spine code their
  requirement gives (DOC-INCLUDES, DOC-AUTHOR-ODS, DOC-NOT-FOUND, DOC-BINARY-NOT-FOUND; codes from
  Spine-ErrorOrWarningCode-1 through the catalogue). Only the documents root serves Access Document (DOC-T11).

  Background:
    Given the registered patient's documents root has been resolved on PDS and SDS

  @DOC-INCLUDES
  Scenario: A search without the mandatory _include parameters is refused
    When the consumer searches the patient's documents without the mandatory includes
    Then the provider refuses it as DOC-INCLUDES expects

  @DOC-AUTHOR-ODS
  Scenario: An author that is not an ODS code is refused
    When the consumer finds the patient on the documents root
    And the consumer searches the patient's documents with "author=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fsds-user-id%7CG13579135"
    Then the provider refuses it as DOC-AUTHOR-ODS expects

  @DOC-NOT-FOUND
  Scenario: A search for a patient id the practice does not know is refused
    When the consumer searches the documents of patient id "pat-9111231130"
    Then the provider refuses it as DOC-NOT-FOUND expects

  @DOC-NOT-FOUND
  Scenario: A search for the documents of a patient the practice holds as inactive is refused
    Given the inactive patient's documents root has been resolved on PDS and SDS
    When the consumer searches the patient's documents
    Then the provider refuses it as DOC-NOT-FOUND expects

  @DOC-BINARY-NOT-FOUND
  Scenario Outline: <which> Binary is not found
    When the consumer retrieves the Binary "<id>"
    Then the provider refuses it as DOC-BINARY-NOT-FOUND expects

    Examples:
      | which                                   | id          |
      | An unknown                              | doc-unknown |
      | Another practice's patient's            | doc-5       |
      | A placeholder's (over 5 MB)             | doc-4       |

  @DOC-T11
  Scenario: The appointments root does not serve Access Document
    Given the registered patient's practice has been resolved on PDS and SDS
    When the consumer sends the documents search straight to the resolved root
    Then the resolved root does not serve the documents search

  @DOC-T11
  Scenario: The structured root does not serve Access Document
    Given the registered patient's structured record root has been resolved on PDS and SDS
    When the consumer sends the documents search straight to the resolved root
    Then the resolved root does not serve the documents search

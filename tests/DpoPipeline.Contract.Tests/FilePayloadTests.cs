using System.Text.Json;
using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Contract.Tests;

public sealed class FilePayloadTests
{
    [Fact]
    public void Azure_upload_answers_pending_and_processing_ends_in_processed()
    {
        var uploaded = File("azure-file-upload-201-pending-v1-dpo.json");
        var processed = File("azure-file-get-processed.json");

        Assert.Equal(FineTuningFileStatus.Pending, uploaded.Status);
        Assert.Equal(FileCheckState.Pending, FileCheckResult.From(uploaded).State);
        Assert.Equal("fine-tune", uploaded.Purpose);
        Assert.Equal(7261, uploaded.Bytes);
        Assert.Equal(FileCheckState.Processed, FileCheckResult.From(processed).State);
    }

    [Fact]
    public void Azure_file_error_carries_the_validation_message()
    {
        var check = FileCheckResult.From(File("azure-file-get-error.json"));

        Assert.Equal(FileCheckState.Error, check.State);
        Assert.Equal("Validation of jsonl file failed: Deserialization of line #0 failed.", check.Message);
    }

    [Fact]
    public void OpenAI_file_with_null_details_and_expiry_parses()
    {
        var file = File("openai-file-uploaded.json");

        Assert.Equal(FineTuningFileStatus.Processed, file.Status);
        Assert.Null(file.StatusDetails);
        Assert.Null(file.ExpiresAtUnix);
    }

    [Fact]
    public void A_second_azure_delete_says_deleted_false()
    {
        Assert.True(Deletion("azure-file-delete-200.json").Deleted);
        Assert.False(Deletion("azure-file-delete-200-second-time-deleted-false.json").Deleted);
    }

    private static FineTuningFile File(string name) =>
        JsonSerializer.Deserialize(Payloads.Read(name).ToMemory().Span, FineTuningJsonContext.Default.FineTuningFile)!;

    private static FileDeletionResult Deletion(string name) =>
        JsonSerializer.Deserialize(Payloads.Read(name).ToMemory().Span, FineTuningJsonContext.Default.FileDeletionResult)!;
}

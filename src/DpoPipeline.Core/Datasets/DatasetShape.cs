using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Datasets;

/// <summary>The layout of the examples inside a dataset, as detected or as forced by the user.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DatasetShape>))]
public enum DatasetShape
{
    /// <summary>Azure/OpenAI DPO chat: input.messages, preferred_output, non_preferred_output.</summary>
    [JsonStringEnumMemberName("azure-dpo")]
    AzureDpo,

    /// <summary>TRL standard: prompt, chosen, rejected as strings, optional system.</summary>
    [JsonStringEnumMemberName("trl")]
    TrlStandard,

    /// <summary>TRL conversational: chosen/rejected message lists with an explicit or implicit prompt.</summary>
    [JsonStringEnumMemberName("trl-conversational")]
    TrlConversational,

    /// <summary>Anthropic hh-rlhf: whole "\n\nHuman: … \n\nAssistant: …" transcripts in chosen and rejected.</summary>
    [JsonStringEnumMemberName("hh-rlhf")]
    HhRlhf,

    /// <summary>Intel orca_dpo_pairs: system, question, chosen, rejected.</summary>
    [JsonStringEnumMemberName("orca")]
    Orca,

    /// <summary>UltraFeedback binarized: prompt plus chosen/rejected message lists and scores.</summary>
    [JsonStringEnumMemberName("ultrafeedback")]
    UltraFeedback,

    /// <summary>LLaMA-Factory / ShareGPT: conversations with from/value, chosen/rejected objects.</summary>
    [JsonStringEnumMemberName("sharegpt")]
    ShareGpt,

    /// <summary>Other column names, mapped by the user or by known aliases (question/response_chosen, response_j/k, …).</summary>
    [JsonStringEnumMemberName("mapped")]
    Mapped,
}

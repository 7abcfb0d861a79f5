using System.CommandLine;

var root = new RootCommand("dpo: get preference datasets into Azure OpenAI DPO shape, and run the pipeline.");
return await root.Parse(args).InvokeAsync();
